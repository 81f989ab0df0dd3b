import { describe, expect, it } from 'vitest';
import { cpdEntryProblems, cpdNextDueOn, cpdProfileSummary, keepsCpdLog, type CpdProfileEntry } from './cpd-rules.ts';

const today = '2026-12-05';
const ok = { activity: 'Falls prevention study day', doneOn: '2026-11-20', hours: 6.5, kind: 'formal', hcpcStandards: [1, 3] };

describe('what a CPD entry may be', () => {
  it.each([
    { why: 'a good entry', change: {}, paths: [] },
    { why: 'no activity', change: { activity: '  ' }, paths: ['activity'] },
    { why: 'in the future', change: { doneOn: '2026-12-06' }, paths: ['doneOn'] },
    { why: 'today', change: { doneOn: today }, paths: [] },
    { why: 'too long ago', change: { doneOn: '2022-01-01' }, paths: ['doneOn'] },
    { why: 'no hours', change: { hours: 0 }, paths: ['hours'] },
    { why: 'not a quarter hour', change: { hours: 1.1 }, paths: ['hours'] },
    { why: 'too many hours', change: { hours: 501 }, paths: ['hours'] },
    { why: 'not a number', change: { hours: Number.NaN }, paths: ['hours'] },
    { why: 'an unknown type', change: { kind: 'webinar' }, paths: ['kind'] },
    { why: 'standard 6', change: { hcpcStandards: [6] }, paths: ['hcpcStandards'] },
    { why: 'a standard twice', change: { hcpcStandards: [2, 2] }, paths: ['hcpcStandards'] },
  ])('$why', ({ change, paths }) => {
    expect(cpdEntryProblems({ ...ok, ...change }, today).map((p) => p.path)).toEqual(paths);
  });
});

const entry = (id: string, o: Partial<CpdProfileEntry>): CpdProfileEntry => ({ id, learned: 'x', practiceChange: 'y', reflection: '', ...ok, ...o });

describe('the HCPC profile', () => {
  it('covers the two years before today, oldest first, with hours by type and the evidence for each standard', () => {
    const profile = cpdProfileSummary(
      [
        entry('a', { doneOn: '2024-12-04', hours: 3 }),
        entry('b', { doneOn: '2026-01-10', hours: 1.25, kind: 'work-based', hcpcStandards: [4] }),
        entry('c', { doneOn: '2024-12-05', hours: 2 }),
      ],
      today,
    );
    expect(profile.from).toBe('2024-12-05');
    expect(profile.entries.map((e) => e.id)).toEqual(['c', 'b']);
    expect(profile.totalHours).toBe(3.25);
    expect(profile.hoursByKind.find((k) => k.kind === 'formal')).toMatchObject({ entries: 1, hours: 2 });
    expect(profile.standards.find((s) => s.standard === 4)!.entries.map((e) => e.id)).toEqual(['b']);
    expect(profile.gaps).toEqual([]);
  });

  it('names what an auditor would ask about', () => {
    expect(cpdProfileSummary([], today).gaps).toEqual(['No CPD is logged in the last 2 years']);
    const gaps = cpdProfileSummary([entry('a', { hcpcStandards: [1], practiceChange: '' })], today).gaps;
    expect(gaps).toHaveLength(4);
    expect(gaps[0]).toMatch(/mixture/);
    expect(gaps.join(' ')).toMatch(/standard 3/);
    expect(gaps.join(' ')).toMatch(/standard 4/);
    expect(gaps[3]).toBe('1 entry does not say how practice changed');
  });
});

describe('when the next CPD entry is due', () => {
  it.each([
    { latest: null, due: null },
    { latest: '2026-11-24', due: '2027-02-22' },
    { latest: '2026-08-26', due: '2026-11-24' },
  ])('latest $latest: due $due', ({ latest, due }) => {
    expect(cpdNextDueOn(latest)).toBe(due);
  });
  it.each([
    ['registered-therapist', true],
    ['clinical-lead', true],
    ['assistant-practitioner', true],
    ['support-worker', false],
    ['student', false],
    ['service-manager', false],
  ] as const)('%s is reminded: %s', (role, kept) => {
    expect(keepsCpdLog(role)).toBe(kept);
  });
});
