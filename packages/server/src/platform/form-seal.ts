// Seals what someone typed into a form that could not be saved (their session had ended), so the
// database never holds it in clear: AES-256-GCM from node:crypto, a fresh 96-bit nonce per seal, and
// the row's id, owner and form bound in as associated data, so a sealed copy moved to another row or
// person does not open. The key is HOMEWARD_HELD_FORM_KEY (base64, 32 bytes; set it when several
// instances share a database) or a key file made on first use in the data directory, readable only
// by the service's user.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { HomewardConfig } from '../config.ts';

export type FormSealer = {
  seal(plain: string, boundTo: string): string;
  /** The plain text, or null when the seal was tampered with, moved, or made under another key. */
  open(sealed: string, boundTo: string): string | null;
};

const version = 'v1';

export function createFormSealer(key: Buffer): FormSealer {
  if (key.length !== 32) throw new Error('The held-form key must be 32 bytes (AES-256)');
  return {
    seal(plain, boundTo) {
      const nonce = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, nonce);
      cipher.setAAD(Buffer.from(boundTo, 'utf8'));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [version, nonce.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
    },
    open(sealed, boundTo) {
      const [v, nonce, tag, body] = sealed.split('.');
      if (v !== version || !nonce || !tag || body === undefined) return null;
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(nonce, 'base64url'));
        decipher.setAAD(Buffer.from(boundTo, 'utf8'));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        return null;
      }
    },
  };
}

/** The configured key, or the data directory's key file (made, mode 0600, when there is none). */
/** The file operations the key file needs (a test passes its own writeFile to play a second instance). */
export type HeldFormKeyFiles = { readFile: typeof readFile; writeFile: typeof writeFile; mkdir: typeof mkdir };

export async function loadHeldFormKey(config: Pick<HomewardConfig, 'heldFormKey' | 'dataDir'>, files: HeldFormKeyFiles = { readFile, writeFile, mkdir }): Promise<Buffer> {
  if (config.heldFormKey) {
    const key = Buffer.from(config.heldFormKey, 'base64');
    if (key.length !== 32) throw new Error('HOMEWARD_HELD_FORM_KEY must be 32 bytes, base64-encoded (openssl rand -base64 32)');
    return key;
  }
  const file = join(config.dataDir, 'held-form.key');
  try {
    return Buffer.from((await files.readFile(file, 'utf8')).trim(), 'base64');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await files.mkdir(config.dataDir, { recursive: true });
  const key = randomBytes(32);
  try {
    // 'wx': if another process made it first, use theirs.
    await files.writeFile(file, key.toString('base64'), { mode: 0o600, flag: 'wx' });
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return Buffer.from((await files.readFile(file, 'utf8')).trim(), 'base64');
  }
}
