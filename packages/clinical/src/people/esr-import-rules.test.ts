import { describe, expect, it } from 'vitest';
import { classifyEsrRows, esrFileSizeProblem, parseEsrDate, readEsrHeading, summariseEsrRows, type EsrCourse } from './esr-import-rules.ts';

describe('ESR dates', () => {
  it.each([
    ['03/03/2026', '2026-03-03'],
    ['3/3/2026', '2026-03-03'],
    ['03-MAR-2026', '2026-03-03'],
    ['03-Mar-2026', '2026-03-03'],
    ['2026-03-03', '2026-03-03'],
    ['29/02/2028', '2028-02-29'],
    ['29/02/2026', null],
    ['3/13/2026', null],
    ['March 3 2026', null],
    ['03/03/26', null],
    ['03-XYZ-2026', null],
    ['', null],
  ])('%s: %s', (text, expected) => {
    expect(parseEsrDate(text)).toBe(expected);
  });
});

describe('the file before its rows', () => {
  it('refuses an enormous or empty file before parsing', () => {
    expect(esrFileSizeProblem('x'.repeat(200_001))).toMatch(/too large/);
    expect(esrFileSizeProblem('  \n')).toMatch(/empty/);
    expect(esrFileSizeProblem('Email Address,Competence Name,Achievement Date\n')).toBeNull();
  });

  it('finds the needed columns by heading, in any order and case, and names what is missing', () => {
    const ok = readEsrHeading(['Full Name', 'achievement date', '\uFEFFEmail Address', 'Competence Name']);
    expect(ok).toEqual({ ok: true, index: { email: 2, course: 3, completedOn: 1 }, width: 4 });
    const wrong = readEsrHeading(['Name', 'Course', 'Achievement Date']);
    expect(wrong.ok).toBe(false);
    expect(!wrong.ok && wrong.message).toMatch(/missing Email Address, Competence Name/);
  });
});

describe('what each row would do', () => {
  const heading = readEsrHeading(['Email Address', 'Full Name', 'Competence Name', 'Achievement Date']);
  if (!heading.ok) throw new Error('heading');
  const courses: EsrCourse[] = [
    { id: 'fire', code: 'FIRE', name: 'Fire Safety', renewalMonths: 24 },
    { id: 'bls', code: 'BLS', name: 'Basic Life Support', renewalMonths: 12 },
  ];
  const people = new Map([['ann@nhs.net', { id: 'ann', name: 'Ann Lee' }]]);
  const run = (rows: string[][], recorded: string[] = []) => classifyEsrRows({ heading, rows, people, courses, recorded: new Set(recorded), today: '2026-12-05' });

  it('adds a good row with its expiry from the course', () => {
    expect(run([['ANN@nhs.net', 'Ann Lee', 'NHS|CSTF|Fire Safety|', '03/03/2026']])).toEqual([
      { line: 2, outcome: 'add', staffId: 'ann', staffName: 'Ann Lee', courseId: 'fire', courseName: 'Fire Safety', completedOn: '2026-03-03', expiresOn: '2028-03-03' },
    ]);
  });

  it('changes nothing for a completion already recorded', () => {
    expect(run([['ann@nhs.net', 'Ann Lee', 'BLS', '2026-03-03']], ['ann bls 2026-03-03'])[0]!.outcome).toBe('no-change');
  });

  it.each([
    { row: ['ann@nhs.net', 'Ann Lee', 'BLS'], problem: 'wrong-columns', reason: /3 columns; the headings have 4/ },
    { row: ['', 'Ann Lee', 'BLS', '03/03/2026'], problem: 'missing-value', reason: /no Email Address/ },
    { row: ['bob@nhs.net', 'Bob', 'BLS', '03/03/2026'], problem: 'unknown-person', reason: /Nobody in your team has the email address bob@nhs.net/ },
    { row: ['ann@nhs.net', 'Ann Lee', 'Knitting', '03/03/2026'], problem: 'unknown-course', reason: /“Knitting” is not a course/ },
    { row: ['ann@nhs.net', 'Ann Lee', 'BLS', '2026/03/03'], problem: 'bad-date', reason: /is not a date/ },
    { row: ['ann@nhs.net', 'Ann Lee', 'BLS', '06/12/2026'], problem: 'future-date', reason: /in the future/ },
  ])('$problem', ({ row, problem, reason }) => {
    const [outcome] = run([row]);
    expect(outcome).toMatchObject({ line: 2, outcome: 'problem', problem });
    expect(outcome?.outcome === 'problem' && outcome.reason).toMatch(reason);
  });

  it('lists a row repeated in the file as a duplicate, and the same day in another form too', () => {
    const rows = run([
      ['ann@nhs.net', 'Ann Lee', 'BLS', '03/03/2026'],
      ['ann@nhs.net', 'Ann Lee', 'Basic Life Support', '03-MAR-2026'],
    ]);
    expect(rows.map((r) => r.outcome === 'problem' ? r.problem : r.outcome)).toEqual(['add', 'duplicate']);
    expect(summariseEsrRows(rows)).toEqual({ add: 1, noChange: 0, problems: 1 });
  });
});
