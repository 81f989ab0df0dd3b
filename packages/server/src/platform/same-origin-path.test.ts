import { describe, expect, it } from 'vitest';
import { isSameOriginPath, maxSameOriginPathLength, sameOriginPath } from './same-origin-path.ts';

// Known open-redirect payloads (from the usual lists: PortSwigger, OWASP, PayloadsAllTheThings),
// each of which some browser or server treats as another host, or which would split the header.
const refused: Array<[string, unknown]> = [
  ['the issue 9 payload: slash, tab, slash', '/\t/evil.example'],
  ['protocol-relative', '//evil.example'],
  ['protocol-relative with path', '//evil.example/patients'],
  ['triple slash', '///evil.example'],
  ['backslash as slash', '/\\evil.example'],
  ['two backslashes', '\\\\evil.example'],
  ['slash backslash slash', '/\\/evil.example'],
  ['absolute http', 'http://evil.example'],
  ['absolute https', 'https://evil.example/'],
  ['scheme-relative without slashes', 'https:evil.example'],
  ['javascript scheme', 'javascript:alert(1)'],
  ['data scheme', 'data:text/html,<script>alert(1)</script>'],
  ['no leading slash', 'patients/search'],
  ['host only', 'evil.example'],
  ['empty', ''],
  ['leading space', ' /patients'],
  ['leading tab then slashes', '\t//evil.example'],
  ['CR LF (response splitting)', '/patients\r\nSet-Cookie: hw_session=x'],
  ['LF alone', '/patients\nLocation: //evil.example'],
  ['CR alone', '/patients\r'],
  ['NUL', '/patients\u0000'],
  ['DEL', '/patients\u007f'],
  ['C1 control (NEL)', '/patients\u0085'],
  ['ideographic space U+3000', '/patients\u3000search'],
  ['no-break space', '/\u00a0/evil.example'],
  ['en quad', '/\u2000/evil.example'],
  ['line separator', '/\u2028/evil.example'],
  ['zero-width space', '/\u200b/evil.example'],
  ['byte order mark', '\ufeff//evil.example'],
  ['right-to-left override', '/\u202eelpmaxe.live'],
  ['full-width solidus', '/\uff0f\uff0fevil.example'],
  ['encoded slashes', '/%2F%2Fevil.example'],
  ['encoded slash after slash', '/%2fevil.example'],
  ['an encoded leading slash', '%2Fpatients'],
  ['encoded backslash', '/%5Cevil.example'],
  ['encoded tab', '/%09/evil.example'],
  ['encoded CR LF', '/patients%0d%0aSet-Cookie:x'],
  ['double slash later in the path', '/patients//evil.example'],
  ['malformed percent-encoding', '/patients%E0%A4%A'],
  ['at-sign userinfo trick', '//user@evil.example'],
  ['too long', `/${'a'.repeat(maxSameOriginPathLength)}`],
  ['not a string (array)', ['/patients']],
  ['not a string (number)', 1],
  ['undefined', undefined],
  ['null', null],
];

const accepted: string[] = [
  '/',
  '/patients/search',
  '/patients/search?nhsNumber=9434765919',
  '/episodes/0193a1b2-0000-7000-8000-000000000000/contact-notes/new',
  '/patients/search?name=O%27Neil%20Smith',
  // Encoded slashes in the query are data, not a path.
  '/patients/search?q=http%3A%2F%2Fexample',
  '/staff/competences?done=recorded#staff-1',
  `/${'a'.repeat(maxSameOriginPathLength - 1)}`,
];

describe('same-origin path (where a redirect may go)', () => {
  it.each(refused)('refuses %s', (_name, candidate) => {
    expect(isSameOriginPath(candidate)).toBe(false);
    expect(sameOriginPath(candidate)).toBe('/');
  });

  it.each(accepted)('accepts %s', (candidate) => {
    expect(isSameOriginPath(candidate)).toBe(true);
    expect(sameOriginPath(candidate)).toBe(candidate);
  });

  it('falls back to the page it is given', () => {
    expect(sameOriginPath('//evil.example', '/caseload')).toBe('/caseload');
  });
});
