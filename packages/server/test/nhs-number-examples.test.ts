// Every NHS number Homeward shows as an example (form hints, placeholders, comments that become
// documentation) must pass the modulus 11 check it teaches: a hint that fails its own check makes a
// careful user doubt the check, and a copied example is refused. Scans the source the pages and API are
// built from, so a new hint is checked without anyone remembering to add it here.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isValidNhsNumber, normaliseNhsNumber } from '@homeward/clinical';

const root = join(import.meta.dirname, '..', '..', '..');
const scanned = ['packages/server/src', 'packages/clinical/src', 'README.md', 'ARCHITECTURE.md'];
// Tests hold invalid numbers on purpose (to prove they are refused); everything else is shown or documented.
const isTest = (path: string) => /\.(int\.|e2e\.)?test\.ts$/.test(path) || path.endsWith('-for-tests.ts');

function filesUnder(path: string): string[] {
  const full = join(root, path);
  if (!full.endsWith('src')) return [full];
  return readdirSync(full, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && /\.(njk|ts|js|md)$/.test(d.name))
    .map((d) => join(d.parentPath, d.name))
    .filter((p) => !isTest(p));
}

/** Numbers written the way people read them (3 3 4, spaces or hyphens), where NHS numbers are shown. */
const shownNhsNumber = /(?<![\d-])\d{3}[ -]\d{3}[ -]\d{4}(?![\d-])/g;

function nhsNumberExamples(text: string): string[] {
  return [...text.matchAll(shownNhsNumber)].map((m) => m[0]);
}

describe('NHS numbers shown as examples', () => {
  const found = scanned.flatMap(filesUnder).flatMap((file) => nhsNumberExamples(readFileSync(file, 'utf8')).map((example) => ({ file: relative(root, file), example })));

  it('finds the examples in the forms’ hints (so this test is looking in the right place)', () => {
    const files = new Set(found.map((f) => f.file));
    expect(files).toContain('packages/server/src/patients/pages/form.njk');
    expect(files).toContain('packages/server/src/patients/pages/search.njk');
    expect(files).toContain('packages/server/src/audit/pages/start.njk');
  });

  it('every one passes the modulus 11 check', () => {
    expect(found.filter((f) => !isValidNhsNumber(normaliseNhsNumber(f.example)))).toEqual([]);
  });

  it('would catch the old hint, which failed its own check', () => {
    expect(nhsNumberExamples('hint: { text: "10 digits, for example 485 777 3456" }')).toEqual(['485 777 3456']);
    expect(isValidNhsNumber('4857773456')).toBe(false);
  });
});
