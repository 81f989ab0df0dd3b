import { describe, expect, it } from 'vitest';
import { daysFromTo, mean, median, percent } from './report-statistics.ts';
import { maySeeClinicianRow, maySeeEveryTeamsReports, maySeeReports } from './report-rules.ts';

describe('report arithmetic', () => {
  it('takes the middle value, or the mean of the two middle values', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });
  it('rounds means to one place and shares to whole percentages', () => {
    expect(mean([1, 2, 2])).toBe(1.7);
    expect(mean([])).toBeNull();
    expect(percent(1, 3)).toBe(33);
    expect(percent(2, 3)).toBe(67);
    expect(percent(0, 0)).toBeNull();
  });
  it('counts calendar days', () => {
    expect(daysFromTo('2026-03-28', '2026-03-30')).toBe(2);
  });
});

describe('who sees which report', () => {
  it('gives reports to the roles that see the team’s work only', () => {
    expect(maySeeReports('registered-therapist')).toBe(true);
    expect(maySeeReports('support-worker')).toBe(false);
    expect(maySeeReports('administrator')).toBe(false);
    expect(maySeeEveryTeamsReports('service-manager')).toBe(true);
    expect(maySeeEveryTeamsReports('clinical-lead')).toBe(false);
  });
  it('shows a clinician’s row to them, their lead and the service manager only', () => {
    expect(maySeeClinicianRow({ role: 'registered-therapist', staffId: 'a', rowStaffId: 'a' })).toBe(true);
    expect(maySeeClinicianRow({ role: 'registered-therapist', staffId: 'a', rowStaffId: 'b' })).toBe(false);
    expect(maySeeClinicianRow({ role: 'clinical-lead', staffId: 'a', rowStaffId: 'b' })).toBe(true);
  });
});
