// Password hashing with Node's built-in scrypt: memory-hard, maintained with Node itself, and no
// native addon to tie the build to one Node ABI. Parameters are stored with each hash so they can
// be raised later without breaking existing accounts.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const KEY_LENGTH = 64;

function scryptAsync(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password, salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/** log2 of scrypt's N. 17 (128 MiB with r=8) is OWASP's recommendation; tests lower it for speed. */
function defaultLogN(): number {
  const fromEnv = Number(process.env.HOMEWARD_PASSWORD_LOG_N);
  return Number.isInteger(fromEnv) && fromEnv >= 10 && fromEnv <= 20 ? fromEnv : 17;
}

function options(logN: number, r: number, p: number): ScryptOptions {
  const N = 2 ** logN;
  return { N, r, p, maxmem: 256 * N * r + 1024 * 1024 };
}

export async function hashPassword(password: string, logN = defaultLogN()): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, options(logN, 8, 1));
  return `scrypt$${logN}$8$1$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, logN, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !logN || !r || !p || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await scryptAsync(password, Buffer.from(salt, 'base64'), options(Number(logN), Number(r), Number(p)));
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

let dummyHash: Promise<string> | null = null;
/** Verifies against a throwaway hash so an unknown account costs as much time as a known one. */
export async function verifyAgainstDummy(password: string): Promise<void> {
  dummyHash ??= hashPassword('not-a-real-password');
  await verifyPassword(password, await dummyHash);
}

/** The rules for a new password: long enough to resist guessing, no other composition rules (NCSC). */
export function passwordError(password: string): string | null {
  if (password.length === 0) return 'Enter a password';
  if (password.length < 12) return 'Password must be 12 characters or more';
  if (password.length > 200) return 'Password must be 200 characters or fewer';
  return null;
}
