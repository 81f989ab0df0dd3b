// Signed checkpoints of the audit's head, written outside the database: one JSON line per checkpoint,
// appended to a file (by default in the data directory), each signed with Ed25519 (node:crypto).
// Someone able to rewrite the database, triggers and hashes included, can make the chain of batches
// consistent again, but cannot make it match a checkpoint signed before the rewrite: audit:verify
// compares every checkpoint with the batch it names.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { appendFile, mkdir, open, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import type { AuditBatch } from './audit-batch.ts';

export type AuditCheckpoint = {
  batch: number;
  lastSeq: number;
  treeSize: number;
  hash: string;
  sealedAt: string;
  writtenAt: string;
  keyId: string;
  signature: string;
};

export type CheckpointSigner = { privateKey: KeyObject; publicKey: KeyObject; keyId: string };
export type CheckpointVerifier = { publicKey: KeyObject; keyId: string };

/** What is signed: every field of the checkpoint but the signature, one per line. */
export function checkpointMessage(c: Omit<AuditCheckpoint, 'signature'>): Buffer {
  return Buffer.from(['homeward-audit-checkpoint v1', c.batch, c.lastSeq, c.treeSize, c.hash, c.sealedAt, c.writtenAt, c.keyId, ''].join('\n'), 'utf8');
}

/** A short, stable name for a public key: the first 16 hex digits of the SHA-256 of its DER. */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);
}

export const publicKeyFileFor = (keyFile: string): string => keyFile.replace(/(\.pem)?$/, '.pub.pem');

function asSigner(privateKey: KeyObject, keyFile: string): CheckpointSigner {
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`${keyFile} is not an Ed25519 private key`);
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, keyId: keyIdOf(publicKey) };
}

/**
 * The signing key from its file, or a new one written there (private key readable by this user
 * alone, the public key beside it for verifiers) if there is none yet.
 */
export async function loadOrCreateSigningKey(keyFile: string): Promise<CheckpointSigner> {
  try {
    return asSigner(createPrivateKey(await readFile(keyFile, 'utf8')), keyFile);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(dirname(keyFile), { recursive: true });
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  try {
    await writeFile(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    // Another instance made one at the same moment: use theirs.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return loadOrCreateSigningKey(keyFile);
    throw error;
  }
  await writeFile(publicKeyFileFor(keyFile), publicKey.export({ type: 'spki', format: 'pem' }), { mode: 0o644 });
  return asSigner(privateKey, keyFile);
}

/** The public key a verifier checks against: the given file, else the one beside the signing key. */
export async function loadCheckpointVerifier(o: { publicKeyFile?: string | null; keyFile: string }): Promise<CheckpointVerifier | null> {
  for (const [file, kind] of [[o.publicKeyFile, 'public'], [publicKeyFileFor(o.keyFile), 'public'], [o.keyFile, 'private']] as const) {
    if (!file) continue;
    try {
      const pem = await readFile(file, 'utf8');
      const publicKey = kind === 'public' ? createPublicKey(pem) : createPublicKey(createPrivateKey(pem));
      if (publicKey.asymmetricKeyType !== 'ed25519') throw new Error(`${file} is not an Ed25519 key`);
      return { publicKey, keyId: keyIdOf(publicKey) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  return null;
}

export function signCheckpoint(signer: CheckpointSigner, batch: AuditBatch, writtenAt: Date): AuditCheckpoint {
  const unsigned = {
    batch: batch.batchNo,
    lastSeq: batch.lastSeq,
    treeSize: batch.treeSize,
    hash: batch.hash,
    sealedAt: batch.sealedAt,
    writtenAt: writtenAt.toISOString(),
    keyId: signer.keyId,
  };
  return { ...unsigned, signature: sign(null, checkpointMessage(unsigned), signer.privateKey).toString('base64') };
}

export function checkpointSignatureValid(verifier: CheckpointVerifier, c: AuditCheckpoint): boolean {
  return c.keyId === verifier.keyId && verify(null, checkpointMessage(c), verifier.publicKey, Buffer.from(c.signature, 'base64'));
}

/** Appends one line. A line left half-written by a crash is ended first, so it spoils only itself. */
export async function appendCheckpoint(file: string, checkpoint: AuditCheckpoint): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  let lead = '';
  const size = await stat(file).then((s) => s.size, () => 0);
  if (size > 0) {
    const handle = await open(file, 'r');
    try {
      const last = Buffer.alloc(1);
      await handle.read(last, 0, 1, size - 1);
      if (last[0] !== 0x0a) lead = '\n';
    } finally {
      await handle.close();
    }
  }
  await appendFile(file, `${lead}${JSON.stringify(checkpoint)}\n`, { mode: 0o644 });
}

export type CheckpointLine =
  | { ok: true; checkpoint: AuditCheckpoint; lineNo: number; endByte: number }
  | { ok: false; text: string; lineNo: number; endByte: number };

function parseCheckpoint(text: string): AuditCheckpoint | null {
  try {
    const c = JSON.parse(text) as Record<string, unknown>;
    const int = (v: unknown) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
    const str = (v: unknown) => typeof v === 'string';
    if (int(c.batch) && int(c.lastSeq) && int(c.treeSize) && str(c.hash) && str(c.sealedAt) && str(c.writtenAt) && str(c.keyId) && str(c.signature)) {
      return c as unknown as AuditCheckpoint;
    }
  } catch {
    // not JSON: reported as an unreadable line
  }
  return null;
}

/** The file's lines from a byte offset on, one at a time (bounded memory however long the file). */
export async function* readCheckpointLines(file: string, fromByte = 0): AsyncGenerator<CheckpointLine> {
  const input = createReadStream(file, { start: fromByte, encoding: 'utf8' });
  const lines = createInterface({ input, crlfDelay: Infinity });
  let offset = fromByte;
  let lineNo = 0;
  for await (const text of lines) {
    lineNo += 1;
    offset += Buffer.byteLength(text, 'utf8') + 1;
    if (text.trim() === '') continue;
    const checkpoint = parseCheckpoint(text);
    yield checkpoint ? { ok: true, checkpoint, lineNo, endByte: offset } : { ok: false, text, lineNo, endByte: offset };
  }
}

export async function fileSize(file: string): Promise<number | null> {
  return stat(file).then((s) => s.size, () => null);
}
