// Whether a start is a first start, and moving a first start's finished database into the data
// directory: whole, and with the mark that a database is there (PG_VERSION) moved last.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { firstStartDirOf, moveIntoPlace, startsNewEmbeddedDemo } from './seed-demo-in-child.ts';

describe('startsNewEmbeddedDemo', () => {
  it('is a first start only on the embedded database, with the demo not turned off, and no database in the data directory yet', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'homeward-new-demo-'));
    try {
      const embedded = { databaseUrl: null, dataDir };
      expect(startsNewEmbeddedDemo(embedded, {})).toBe(true);
      expect(startsNewEmbeddedDemo(embedded, { HOMEWARD_DEMO: 'true' })).toBe(true);
      expect(startsNewEmbeddedDemo(embedded, { HOMEWARD_DEMO: 'false' })).toBe(false);
      expect(startsNewEmbeddedDemo({ databaseUrl: 'postgres://postgres@127.0.0.1/homeward', dataDir }, { HOMEWARD_DEMO: 'true' })).toBe(false);
      expect(startsNewEmbeddedDemo({ databaseUrl: null, dataDir: join(dataDir, 'not-made-yet') }, {})).toBe(true);
      writeFileSync(join(dataDir, 'PG_VERSION'), '17\n');
      expect(startsNewEmbeddedDemo(embedded, {})).toBe(false);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('moving a first start’s database into place', () => {
  const roots: string[] = [];
  afterEach(() => {
    for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
  });

  /** A finished database as the child leaves it, in its directory inside the data directory: PG_VERSION, a base directory, a file. */
  const built = (dataDir: string) => {
    const building = firstStartDirOf(dataDir);
    mkdirSync(join(building, 'base', '1'), { recursive: true });
    writeFileSync(join(building, 'base', '1', 'relation'), 'new');
    writeFileSync(join(building, 'PG_VERSION'), '17');
    writeFileSync(join(building, 'postgresql.conf'), 'new conf');
    return building;
  };

  it('builds inside the data directory, and moves in replacing what an interrupted move left, keeping other files, PG_VERSION last', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'homeward-move-'));
    roots.push(dataDir);
    const building = built(dataDir);
    expect(building).toBe(join(dataDir, '.first-start'));
    mkdirSync(join(dataDir, 'base', '9'), { recursive: true });
    writeFileSync(join(dataDir, 'postgresql.conf'), 'old conf');
    writeFileSync(join(dataDir, 'held-form.key'), 'key');
    const moved: string[] = [];
    moveIntoPlace(building, dataDir, (from, to) => {
      moved.push(to.slice(dataDir.length + 1));
      renameSync(from, to);
    });
    expect(moved.at(-1)).toBe('PG_VERSION');
    expect(moved.sort()).toEqual(['PG_VERSION', 'base', 'postgresql.conf']);
    expect(readdirSync(dataDir).sort()).toEqual(['PG_VERSION', 'base', 'held-form.key', 'postgresql.conf']);
    expect(readdirSync(join(dataDir, 'base'))).toEqual(['1']);
    expect(readFileSync(join(dataDir, 'base', '1', 'relation'), 'utf8')).toBe('new');
    expect(readFileSync(join(dataDir, 'postgresql.conf'), 'utf8')).toBe('new conf');
    expect(readFileSync(join(dataDir, 'held-form.key'), 'utf8')).toBe('key');
    expect(existsSync(building)).toBe(false);
  });
});
