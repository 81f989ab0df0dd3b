import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createFormSealer, loadHeldFormKey, type HeldFormKeyFiles } from './form-seal.ts';

// Plays the other instance that makes the key file between this one's look and its write (through the
// files option, not vi.mock: test files share their modules, so a mock could miss or leak).
function racingFiles(beforeWrite: (file: string) => Promise<void>): HeldFormKeyFiles & { raced(): boolean } {
  let raced = false;
  const racingWrite = (async (file: Parameters<typeof writeFile>[0], ...rest: unknown[]) => {
    if (!raced) {
      raced = true;
      await beforeWrite(String(file));
    }
    return (writeFile as (...a: unknown[]) => Promise<void>)(file, ...rest);
  }) as typeof writeFile;
  return { readFile, mkdir, writeFile: racingWrite, raced: () => raced };
}

describe('sealing a held form', () => {
  // Made in the tests, not while they are collected, so a mutant that breaks it fails a test.
  const key = randomBytes(32);
  const sealerOf = () => createFormSealer(key);
  const typed = JSON.stringify({ body: 'Mrs B walked 10 m with a frame; carer present.' });

  it('opens what it sealed, for the same binding, and the sealed text does not contain the plain text', () => {
    const sealed = sealerOf().seal(typed, 'form-1:staff-1');
    expect(sealed).not.toContain('walked');
    expect(sealerOf().open(sealed, 'form-1:staff-1')).toBe(typed);
  });

  it('seals the same text differently each time (fresh nonce)', () => {
    expect(sealerOf().seal(typed, 'b')).not.toBe(sealerOf().seal(typed, 'b'));
  });

  it('does not open for another person or row, after tampering, or under another key', () => {
    const sealed = sealerOf().seal(typed, 'form-1:staff-1');
    expect(sealerOf().open(sealed, 'form-1:staff-2')).toBeNull();
    const parts = sealed.split('.');
    const body = Buffer.from(parts[3]!, 'base64url');
    body[0] = body[0]! ^ 1;
    expect(sealerOf().open([parts[0], parts[1], parts[2], body.toString('base64url')].join('.'), 'form-1:staff-1')).toBeNull();
    expect(createFormSealer(randomBytes(32)).open(sealed, 'form-1:staff-1')).toBeNull();
    expect(sealerOf().open('not a seal', 'form-1:staff-1')).toBeNull();
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

describe('the held-form key', () => {
  const dirs: string[] = [];
  const freshDir = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'held-form-key-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('is the configured one when set, 32 bytes of base64, and then no key file is made', async () => {
    const dataDir = join(await freshDir(), 'data');
    const configured = randomBytes(32);
    expect(await loadHeldFormKey({ heldFormKey: configured.toString('base64'), dataDir })).toEqual(configured);
    await expect(stat(dataDir)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('refuses a configured key that is not 32 bytes', async () => {
    const dataDir = await freshDir();
    await expect(loadHeldFormKey({ heldFormKey: randomBytes(16).toString('base64'), dataDir })).rejects.toThrow(
      'HOMEWARD_HELD_FORM_KEY must be 32 bytes, base64-encoded (openssl rand -base64 32)',
    );
  });

  it('without one, is made on first use in the data directory (made too), readable only by its owner, and reused', async () => {
    const dataDir = join(await freshDir(), 'not', 'yet');
    const key = await loadHeldFormKey({ heldFormKey: null, dataDir });
    expect(key).toHaveLength(32);
    const file = join(dataDir, 'held-form.key');
    expect(await readFile(file, 'utf8')).toBe(key.toString('base64'));
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await loadHeldFormKey({ heldFormKey: '', dataDir })).toEqual(key);
    expect(createFormSealer(await loadHeldFormKey({ heldFormKey: null, dataDir })).open(createFormSealer(key).seal('x', 'y'), 'y')).toBe('x');
  });

  it('reads a key file written by hand, with its line ending', async () => {
    const dataDir = await freshDir();
    const key = randomBytes(32);
    await writeFile(join(dataDir, 'held-form.key'), `${key.toString('base64')}\n`);
    expect(await loadHeldFormKey({ heldFormKey: null, dataDir })).toEqual(key);
  });

  it('uses the key another instance made first, rather than overwriting it', async () => {
    const dataDir = await freshDir();
    const theirs = randomBytes(32);
    const files = racingFiles(async (file) => {
      await writeFile(file, theirs.toString('base64'));
    });
    expect(await loadHeldFormKey({ heldFormKey: null, dataDir }, files)).toEqual(theirs);
    expect(files.raced()).toBe(true);
    expect(await readFile(join(dataDir, 'held-form.key'), 'utf8')).toBe(theirs.toString('base64'));
  });

  it('fails, rather than making a new key, when the key file cannot be read or written', async () => {
    const unreadable = await freshDir();
    await mkdir(join(unreadable, 'held-form.key'));
    await expect(loadHeldFormKey({ heldFormKey: null, dataDir: unreadable })).rejects.toMatchObject({ code: 'EISDIR' });
    const unwritable = await freshDir();
    const full = racingFiles(async () => {
      throw Object.assign(new Error('disk full'), { code: 'ENOSPC' });
    });
    await expect(loadHeldFormKey({ heldFormKey: null, dataDir: unwritable }, full)).rejects.toThrow('disk full');
  });
});
