// The hazard log (HAZARDS.md) names, for each hazard, the automated tests that prove its controls. This
// file holds the log to that in CI, and holds the check itself to failing when it should.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { checkHazardLog, declaredTests, parseHazardLog, type HazardLogFiles, type TestProject } from './hazard-log.ts';
import config from '../../../vitest.config.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const repository: HazardLogFiles = {
  read: (path) => (existsSync(join(root, path)) ? readFileSync(join(root, path), 'utf8') : undefined),
  exists: (path) => existsSync(join(root, path)),
};

/** The projects a test run has, read from vitest.config.ts itself so the check cannot drift from it. */
const projects: TestProject[] = (config.test?.projects ?? []).map((p) => {
  const t = (p as { test?: TestProject }).test;
  if (!t?.include) throw new Error('a project in vitest.config.ts without include patterns');
  return { name: t.name, include: t.include, exclude: t.exclude };
});

describe('HAZARDS.md', () => {
  const log = readFileSync(join(root, 'HAZARDS.md'), 'utf8');

  it('names only tests that exist and run, and every hazard has them', () => {
    expect(projects.map((p) => p.name)).toEqual(['unit', 'int-pglite', 'int-postgres', 'e2e']);
    expect(checkHazardLog(log, repository, 'HAZARDS.md', { projects })).toEqual([]);
  });

  it('has the hazards issue 17 asks for, in order, each with its tests', () => {
    const hazards = parseHazardLog(log);
    expect(hazards.map((h) => h.id)).toEqual(['H-01', 'H-02', 'H-03', 'H-04', 'H-05', 'H-06', 'H-07', 'H-08', 'H-09', 'H-10', 'H-11', 'H-12', 'H-13']);
    expect(hazards.map((h) => h.title.toLowerCase())).toEqual([
      'wrong patient',
      'missed lone-working escalation',
      'silent overwrite',
      'wrong score or wrong mcid verdict',
      'allocation beyond competence',
      'visit left unplanned without anyone knowing',
      'lost referral',
      'lost note',
      'unauthorised access',
      'stale data on a phone',
      'wrong letter sent',
      'safeguarding concern seen by the wrong person',
      'equipment left in the home with nobody responsible',
    ]);
    for (const h of hazards) expect(h.risks.map((r) => r.when), h.id).toEqual(['before controls', 'after controls']);
  });
});

/** A small repository in memory: a test file and a control. */
const files = (sources: Record<string, string>): HazardLogFiles => ({
  read: (path) => sources[path],
  exists: (path) => path in sources,
});
const testFile = `
import { describe, it, test } from 'vitest';
describe('the banner', () => {
  it('shows the NHS number in 3 3 4', () => {});
  test("says \\"Safeguarding concern open\\"", () => {});
  it.each([1, 2])('scores %i', () => {});
  it.skip('is skipped for now', () => {});
  // it('was deleted and left as a comment', () => {});
  const words = 'a string that merely looks like a name';
});
`;
const fixture = (body: string, risks = '| before controls | 4 | 3 | 12 | High |\n| after controls | 4 | 1 | 4 | Moderate |') => `# A log

## H-01 Wrong patient

${risks}

1. The banner (\`packages/server/src/views/patient-banner.njk\`).
${body}

## Appendix

- \`a.test.ts\` › \`not a hazard's reference\`
`;
const sources = { 'a.test.ts': testFile, 'packages/server/src/views/patient-banner.njk': '' };

describe('the hazard log check', () => {
  it('passes a log whose tests and controls all exist', () => {
    const log = fixture('   - `a.test.ts` › `the banner › shows the NHS number in 3 3 4`\n   - `a.test.ts` › `says "Safeguarding concern open"`\n   - `a.test.ts` › `scores %i`');
    expect(checkHazardLog(log, files(sources))).toEqual([]);
  });

  it('fails on a test name that no it() or test() has, naming the hazard and the line', () => {
    const log = fixture('   - `a.test.ts` › `shows the NHS number in 334`');
    expect(checkHazardLog(log, files(sources))).toEqual(['HAZARDS.md:9 H-01 (Wrong patient): no it()/test() in a.test.ts is named "shows the NHS number in 334"']);
  });

  it('fails on a test file that does not exist', () => {
    const log = fixture('   - `gone.test.ts` › `shows the NHS number in 3 3 4`');
    expect(checkHazardLog(log, files(sources))).toEqual(['HAZARDS.md:9 H-01 (Wrong patient): gone.test.ts does not exist (named for "shows the NHS number in 3 3 4")']);
  });

  it('does not count a test left as a comment, a string that is not a test, or a skipped test', () => {
    const log = fixture(['was deleted and left as a comment', 'a string that merely looks like a name', 'is skipped for now'].map((n) => `   - \`a.test.ts\` › \`${n}\``).join('\n'));
    expect(checkHazardLog(log, files(sources))).toEqual([
      'HAZARDS.md:9 H-01 (Wrong patient): no it()/test() in a.test.ts is named "was deleted and left as a comment"',
      'HAZARDS.md:10 H-01 (Wrong patient): no it()/test() in a.test.ts is named "a string that merely looks like a name"',
      'HAZARDS.md:11 H-01 (Wrong patient): "is skipped for now" in a.test.ts is skipped, so it proves nothing',
    ]);
  });

  it('fails on a hazard with no tests, even with tests named outside it', () => {
    expect(checkHazardLog(fixture(''), files(sources))).toEqual(['HAZARDS.md:3 H-01 (Wrong patient): names no test proving its controls']);
  });

  it('fails on a control whose file is gone', () => {
    const log = fixture('   - `a.test.ts` › `scores %i`');
    expect(checkHazardLog(log, files({ 'a.test.ts': testFile }))).toEqual(['HAZARDS.md:8 H-01 (Wrong patient): the control packages/server/src/views/patient-banner.njk does not exist']);
  });

  it('fails on a score that is not severity x likelihood in its band, or a missing row', () => {
    const body = '   - `a.test.ts` › `scores %i`';
    expect(checkHazardLog(fixture(body, '| before controls | 4 | 3 | 12 | Extreme |\n| after controls | 4 | 1 | 5 | Moderate |'), files(sources))).toEqual([
      'HAZARDS.md:5 H-01 (Wrong patient): before controls: severity 4 x likelihood 3 is 12 (High), not 12 (Extreme)',
      'HAZARDS.md:6 H-01 (Wrong patient): after controls: severity 4 x likelihood 1 is 4 (Moderate), not 5 (Moderate)',
    ]);
    expect(checkHazardLog(fixture(body, '| before controls | 6 | 1 | 6 | Moderate |\n'), files(sources))).toEqual([
      'HAZARDS.md:3 H-01 (Wrong patient): needs its risk before and after controls (severity, likelihood, score, band)',
      'HAZARDS.md:5 H-01 (Wrong patient): before controls: consequence must be a whole number from 1 to 5, not 6',
    ]);
  });

  it('fails on a log with no hazards, and on a hazard given twice', () => {
    expect(checkHazardLog('# Nothing here\n', files(sources))).toEqual(['HAZARDS.md: no hazards found (each is a "## H-NN title" heading)']);
    const twice = fixture('   - `a.test.ts` › `scores %i`');
    expect(checkHazardLog(twice.replace('## Appendix', twice.split('\n').slice(2, 9).join('\n') + '\n\n## Appendix'), files(sources))).toContain('HAZARDS.md:11 H-01 (Wrong patient): H-01 appears twice');
  });
});

describe('the hazard log check: where a test sits', () => {
  const source = `
import { describe, it } from 'vitest';
describe.skip('parked', () => { it('under a skipped describe', () => {}); });
describe.todo('later', () => { it('under a todo describe', () => {}); });
describe.skipIf(true)('never', () => { describe('inner', () => { it('under skipIf(true)', () => {}); }); });
if (process.env.SOMETIMES) it('under an if', () => {});
describe('letters', () => { it('refuses UPDATE', () => {}); });
describe('notes', () => { it('refuses DELETE', () => {}); });
const tables = [{ table: 'referrals', kind: 'append-only' }, { table: 'visits', kind: 'never-deleted' }];
for (const g of tables) {
  describe(g.table, () => {
    if (g.kind === 'append-only') it('refuses UPDATE', () => {});
    it(\`refuses TRUNCATE \${g.table}\`, () => {});
  });
}
for (const name of someRuntimeList()) describe(name, () => { it('refuses DELETE', () => {}); it('keeps its rows', () => {}); });
it.each([1, 2])('scores %i', () => {});
describe('twice', () => { it.each([1])('scores %i', () => {}); });
`;
  const check = (...names: string[]) => checkHazardLog(fixture(names.map((n) => `   - \`a.test.ts\` › \`${n}\``).join('\n')), files({ ...sources, 'a.test.ts': source }));

  it('counts a test under a skipped describe (skip, todo, skipIf(true)) or an if as skipped', () => {
    expect(check('parked › under a skipped describe', 'later › under a todo describe', 'never › inner › under skipIf(true)', 'under an if')).toEqual([
      'HAZARDS.md:9 H-01 (Wrong patient): "under a skipped describe" in a.test.ts is skipped, so it proves nothing',
      'HAZARDS.md:10 H-01 (Wrong patient): "under a todo describe" in a.test.ts is skipped, so it proves nothing',
      'HAZARDS.md:11 H-01 (Wrong patient): "under skipIf(true)" in a.test.ts is skipped, so it proves nothing',
      'HAZARDS.md:12 H-01 (Wrong patient): "under an if" in a.test.ts is skipped, so it proves nothing',
    ]);
  });

  it('holds a describe path to the literal describes, and resolves a loop over rows written in the file', () => {
    expect(check('letters › refuses UPDATE', 'referrals › refuses UPDATE', 'referrals › refuses TRUNCATE referrals', 'keeps its rows')).toEqual([]);
    expect(check('visits › refuses UPDATE', 'patients › refuses UPDATE', 'refuses UPDATE')).toEqual([
      'HAZARDS.md:9 H-01 (Wrong patient): no it()/test() in a.test.ts is named "refuses UPDATE" inside "visits"',
      'HAZARDS.md:10 H-01 (Wrong patient): no it()/test() in a.test.ts is named "refuses UPDATE" inside "patients"',
      'HAZARDS.md:11 H-01 (Wrong patient): "refuses UPDATE" occurs 2 times in a.test.ts: ambiguous, name its describe path',
    ]);
  });

  it('fails as ambiguous a name used more than once where the describe path cannot be checked', () => {
    expect(check('letters › refuses DELETE', 'anything › scores %i', 'anything › keeps its rows')).toEqual([
      'HAZARDS.md:9 H-01 (Wrong patient): "refuses DELETE" occurs 2 times in a.test.ts and the describe path "letters" cannot be checked (a describe or the name is built at run time): ambiguous, name a test whose name is unique in the file',
      'HAZARDS.md:10 H-01 (Wrong patient): "scores %i" occurs 2 times in a.test.ts and the describe path "anything" cannot be checked (a describe or the name is built at run time): ambiguous, name a test whose name is unique in the file',
    ]);
  });
});

describe('the hazard log check: a test run picks the file up', () => {
  const log = fixture('   - `packages/server/test/a.test.ts` › `shows the NHS number in 3 3 4`\n   - `packages/server/a.test.ts` › `shows the NHS number in 3 3 4`\n   - `packages/server/test/a.e2e.test.ts` › `shows the NHS number in 3 3 4`');
  const tree = files({ ...sources, 'packages/server/test/a.test.ts': testFile, 'packages/server/a.test.ts': testFile, 'packages/server/test/a.e2e.test.ts': testFile });

  it('fails on a test file outside every project, or excluded from the one that includes it', () => {
    expect(checkHazardLog(log, tree, 'HAZARDS.md', { projects: [{ include: ['packages/*/test/**/*.test.ts'], exclude: ['**/*.e2e.test.ts'] }, { include: ['e2e/**/*.e2e.test.ts'] }] })).toEqual([
      'HAZARDS.md:10 H-01 (Wrong patient): packages/server/a.test.ts is in no test project\'s include patterns (vitest.config.ts), so no test run picks it up',
      'HAZARDS.md:11 H-01 (Wrong patient): packages/server/test/a.e2e.test.ts is in no test project\'s include patterns (vitest.config.ts), so no test run picks it up',
    ]);
  });

  it('reads the projects from vitest.config.ts', () => {
    expect(projects.find((p) => p.name === 'unit')).toEqual({ name: 'unit', include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts'], exclude: ['**/*.int.test.ts', '**/*.e2e.test.ts', '**/node_modules/**'] });
  });
});

describe('declaredTests', () => {
  it('reads every form of it() and test() with a literal name, and marks the skipped', () => {
    const source = `
      it('plain', () => {}); test('as test', () => {}); it.only('only', () => {}); it.concurrent('concurrent', () => {});
      it.each([[1]])('each %s', () => {}); test.for([1])('for %s', () => {}); it.skipIf(true)('skip if', () => {});
      it.todo('todo'); test.skip(\`template\`, () => {}); it(\`built \${1}\`, () => {}); describe('a describe', () => {});
    `;
    const t = (name: string, skipped = false, templated = false) => ({ name, describes: [], templated, skipped });
    expect(declaredTests(source)).toEqual([
      t('plain'),
      t('as test'),
      t('only'),
      t('concurrent'),
      t('each %s', false, true),
      t('for %s', false, true),
      t('skip if', true),
      t('todo', true),
      t('template', true),
    ]);
  });
});
