import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startsNewEmbeddedDemo } from './seed-demo-in-child.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'homeward-new-demo-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('startsNewEmbeddedDemo', () => {
  it('is a first start only on the embedded database, with the demo not turned off, and no database in the data directory yet', () => {
    const embedded = { databaseUrl: null, dataDir };
    expect(startsNewEmbeddedDemo(embedded, {})).toBe(true);
    expect(startsNewEmbeddedDemo(embedded, { HOMEWARD_DEMO: 'true' })).toBe(true);
    expect(startsNewEmbeddedDemo(embedded, { HOMEWARD_DEMO: 'false' })).toBe(false);
    expect(startsNewEmbeddedDemo({ databaseUrl: 'postgres://postgres@127.0.0.1/homeward', dataDir }, { HOMEWARD_DEMO: 'true' })).toBe(false);
    expect(startsNewEmbeddedDemo({ databaseUrl: null, dataDir: join(dataDir, 'not-made-yet') }, {})).toBe(true);
    writeFileSync(join(dataDir, 'PG_VERSION'), '17\n');
    expect(startsNewEmbeddedDemo(embedded, {})).toBe(false);
  });
});
