import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createFormSealer } from './form-seal.ts';

describe('sealing a held form', () => {
  const sealer = createFormSealer(randomBytes(32));
  const typed = JSON.stringify({ body: 'Mrs B walked 10 m with a frame; carer present.' });

  it('opens what it sealed, for the same binding, and the sealed text does not contain the plain text', () => {
    const sealed = sealer.seal(typed, 'form-1:staff-1');
    expect(sealed).not.toContain('walked');
    expect(sealer.open(sealed, 'form-1:staff-1')).toBe(typed);
  });

  it('seals the same text differently each time (fresh nonce)', () => {
    expect(sealer.seal(typed, 'b')).not.toBe(sealer.seal(typed, 'b'));
  });

  it('does not open for another person or row, after tampering, or under another key', () => {
    const sealed = sealer.seal(typed, 'form-1:staff-1');
    expect(sealer.open(sealed, 'form-1:staff-2')).toBeNull();
    const parts = sealed.split('.');
    const body = Buffer.from(parts[3]!, 'base64url');
    body[0] = body[0]! ^ 1;
    expect(sealer.open([parts[0], parts[1], parts[2], body.toString('base64url')].join('.'), 'form-1:staff-1')).toBeNull();
    expect(createFormSealer(randomBytes(32)).open(sealed, 'form-1:staff-1')).toBeNull();
    expect(sealer.open('not a seal', 'form-1:staff-1')).toBeNull();
  });

  // A form held before an upgrade must still open after it. This seal was made by v1 under a key of 32
  // bytes of 7, and checked with Python's cryptography AESGCM, not with this code.
  const pinned = 'v1.L261PBK1N4Dhojws.DUs6nRTCXwvYTI6omVhY0A.VMawmxUrpbya20dxRj04aoQ';
  it('opens a v1 seal made earlier, and only as v1', () => {
    const fixed = createFormSealer(Buffer.alloc(32, 7));
    expect(fixed.open(pinned, 'form-1:staff-1')).toBe('Mrs B walked 10 m');
    expect(fixed.seal('x', 'y')).toMatch(/^v1\./);
    expect(fixed.open(pinned.replace(/^v1\./, 'v2.'), 'form-1:staff-1')).toBeNull();
  });

  it('refuses a key that is not 32 bytes', () => {
    expect(() => createFormSealer(randomBytes(16))).toThrow(/32 bytes/);
  });
});
