// Where Homeward may send someone after signing in (or after any redirect it makes): a path on this
// site, never another site. A crafted sign-in link (?next=...) is the classic open redirect: browsers
// treat "//evil.example", "/\evil.example" and "/<tab>/evil.example" as other hosts, and a CR or LF
// in a Location header is response splitting. So the rule is an allow-list, not a deny-list: printable
// ASCII only (browsers send paths percent-encoded, so a real path never needs more), one leading
// slash, no second slash or backslash in the path (raw or percent-encoded), and a bounded length.

export const homePath = '/';
export const maxSameOriginPathLength = 2048;

const printableAscii = /^[\x21-\x7e]+$/;
const probeOrigin = 'https://homeward.invalid';

/** The path itself (before any query or fragment), percent-decoded; null if it does not decode. */
function decodedPathPart(path: string): string | null {
  const end = path.search(/[?#]/);
  const raw = end === -1 ? path : path.slice(0, end);
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

/** True when `candidate` is a path on this site that is safe to redirect to. */
export function isSameOriginPath(candidate: unknown): candidate is string {
  if (typeof candidate !== 'string') return false;
  if (candidate.length === 0 || candidate.length > maxSameOriginPathLength) return false;
  if (!printableAscii.test(candidate)) return false; // whitespace (any), control characters, non-ASCII
  if (!candidate.startsWith('/') || candidate.includes('//') || candidate.includes('\\')) return false;
  const decoded = decodedPathPart(candidate);
  // "/%2F%2Fevil.example" or "/%5Cevil" would become another host if anything down the line decoded it.
  if (decoded === null || !decoded.startsWith('/') || decoded.includes('//') || decoded.includes('\\') || !printableAscii.test(decoded)) return false;
  // Belt and braces: the URL parser a browser uses must agree that it stays on this origin.
  try {
    return new URL(candidate, probeOrigin).origin === probeOrigin;
  } catch {
    return false;
  }
}

/** `candidate` when it is a safe same-origin path; otherwise the home page. */
export function sameOriginPath(candidate: unknown, fallback: string = homePath): string {
  return isSameOriginPath(candidate) ? candidate : fallback;
}
