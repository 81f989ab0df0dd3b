// Where the last clean audit:verify ended, kept beside the checkpoints (outside the database, which is
// what it vouches for), so the next run checks only what was added since. --full ignores it.
import { readFile, rename, writeFile } from 'node:fs/promises';
import type { VerifiedPoint } from './verify-audit-log.ts';

export const verifiedPointFileFor = (checkpointFile: string): string => `${checkpointFile}.verified.json`;

export async function readVerifiedPoint(file: string): Promise<VerifiedPoint | null> {
  try {
    const p = JSON.parse(await readFile(file, 'utf8')) as Partial<VerifiedPoint>;
    const int = (v: unknown) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
    if (int(p.batch) && int(p.lastSeq) && int(p.treeSize) && int(p.checkpointBytes) && typeof p.hash === 'string' && typeof p.verifiedAt === 'string') return p as VerifiedPoint;
    return null;
  } catch {
    return null;
  }
}

export async function writeVerifiedPoint(file: string, point: VerifiedPoint): Promise<void> {
  await writeFile(`${file}.tmp`, `${JSON.stringify(point)}\n`);
  await rename(`${file}.tmp`, file);
}
