// The team's compliance at a glance: per course, how many people are in date, due soon and overdue,
// and the share in date. Pure: the chart (compliance-chart.ts) and the table beside it both read this.
import { compliancePercent, type DueStatus } from '@homeward/clinical';
import type { PersonTraining } from './training-queries.ts';

export type CourseCompliance = { courseId: string; courseName: string; inDate: number; dueSoon: number; overdue: number; percent: number };

export function summariseCompliance(people: readonly PersonTraining[]): { courses: CourseCompliance[]; overall: CourseCompliance } {
  const byCourse = new Map<string, CourseCompliance>();
  const add = (row: CourseCompliance, status: DueStatus) => {
    if (status === 'in-date') row.inDate++;
    else if (status === 'due-soon') row.dueSoon++;
    else row.overdue++;
  };
  const overall: CourseCompliance = { courseId: 'all', courseName: 'All required training', inDate: 0, dueSoon: 0, overdue: 0, percent: 0 };
  for (const p of people) {
    for (const c of p.courses) {
      let row = byCourse.get(c.courseId);
      if (!row) byCourse.set(c.courseId, (row = { courseId: c.courseId, courseName: c.courseName, inDate: 0, dueSoon: 0, overdue: 0, percent: 0 }));
      add(row, c.status);
      add(overall, c.status);
    }
  }
  const courses = [...byCourse.values()].sort((a, b) => a.courseName.localeCompare(b.courseName));
  for (const row of [...courses, overall]) row.percent = compliancePercent(row);
  return { courses, overall };
}
