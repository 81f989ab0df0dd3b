import { describe, expect, it } from 'vitest';
import { buildComplianceChart } from './compliance-chart.ts';
import { summariseCompliance } from './compliance-summary.ts';
import type { PersonTraining } from './training-queries.ts';

const standing = (courseId: string, courseName: string, status: 'overdue' | 'due-soon' | 'in-date') =>
  ({ courseId, courseName, courseCode: courseId, renewalMonths: 12, latestCompletedOn: null, status, dueOn: null, state: 'in-date' as const });
const people: PersonTraining[] = [
  { staffId: 'a', name: 'Ann', role: 'registered-therapist', courses: [standing('fire', 'Fire Safety', 'in-date'), standing('bls', 'Basic Life Support', 'overdue')] },
  { staffId: 'b', name: 'Bob', role: 'support-worker', courses: [standing('fire', 'Fire Safety', 'due-soon')] },
];

describe('the team’s compliance', () => {
  it('counts each course’s people by colour, and the whole', () => {
    const { courses, overall } = summariseCompliance(people);
    expect(courses).toEqual([
      { courseId: 'bls', courseName: 'Basic Life Support', inDate: 0, dueSoon: 0, overdue: 1, percent: 0 },
      { courseId: 'fire', courseName: 'Fire Safety', inDate: 1, dueSoon: 1, overdue: 0, percent: 100 },
    ]);
    expect(overall).toMatchObject({ inDate: 1, dueSoon: 1, overdue: 1, percent: 66 });
  });

  it('draws one bar per course, its parts as wide as their counts, and says the worst course in words', () => {
    const { courses, overall } = summariseCompliance(people);
    const chart = buildComplianceChart(courses, overall);
    expect(chart.bars.map((b) => b.courseName)).toEqual(['Basic Life Support', 'Fire Safety']);
    const fire = chart.bars[1]!;
    expect(fire.parts.map((p) => p.status)).toEqual(['in-date', 'due-soon']);
    expect(fire.parts[0]!.width).toBeCloseTo(fire.parts[1]!.width);
    expect(chart.label).toBe('Training compliance: 66% of required training is in date across the team; lowest is Basic Life Support at 0%.');
  });
});
