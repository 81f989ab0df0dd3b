import { describe, expect, it } from 'vitest';
import { addCalendarDays, competenceExpiryProblem, cpdEntryProblems, dueStatusOf } from '@homeward/clinical';
import { generateDemoCompetenceCpd, type DemoPerson } from './generate-demo-competence-cpd.ts';

const people: DemoPerson[] = [
  { id: 'lead', key: 'clinical-lead', role: 'clinical-lead', teamId: 'a' },
  { id: 'ot1', key: 'ot-1', role: 'registered-therapist', teamId: 'a' },
  { id: 'pt1', key: 'pt-1', role: 'registered-therapist', teamId: 'a' },
  { id: 'ap', key: 'assistant-practitioner-1', role: 'assistant-practitioner', teamId: 'a' },
  { id: 'sw', key: 'support-worker-1', role: 'support-worker', teamId: 'a' },
  // The whole roster's hoist-competent clinicians, so every sign-off's dates are tried.
  ...['ot-2', 'ot-3', 'pt-2', 'pt-3', 'assistant-practitioner-2'].map((key) => ({ id: key, key, role: key.startsWith('assistant') ? ('assistant-practitioner' as const) : ('registered-therapist' as const), teamId: 'a' })),
  { id: 'slead', key: 'stafford-clinical-lead', role: 'clinical-lead', teamId: 'b' },
  { id: 'sot', key: 'stafford-ot', role: 'registered-therapist', teamId: 'b' },
  { id: 'spt', key: 'stafford-pt', role: 'registered-therapist', teamId: 'b' },
];
const today = '2026-11-24';

describe('the demo’s competences and CPD', () => {
  const made = generateDemoCompetenceCpd({ seed: 20261124, today, people });

  it('signs off each hoist-competent clinician by someone else, within the rules, some due again within four weeks', () => {
    expect(made.competences.length).toBeGreaterThan(1);
    for (const c of made.competences) {
      expect(c.signedOffBy).not.toBe(c.staffId);
      expect(competenceExpiryProblem(c)).toBeNull();
      // Recorded on the day assessed, so its expiry must not have passed then (checkCompetence), nor now.
      expect(c.expiresOn >= today).toBe(true);
    }
    expect(made.competences.some((c) => dueStatusOf({ dueOn: c.expiresOn, today }) === 'due-soon')).toBe(true);
  });

  it('logs about a year of CPD for registrants and assistant practitioners, each entry within the rules on its own day', () => {
    const owners = new Set(made.cpd.map((e) => e.staffId));
    expect(owners.has('sw')).toBe(false);
    expect(['ap', 'lead', 'ot1', 'pt1', 'slead'].every((id) => owners.has(id))).toBe(true);
    for (const e of made.cpd) {
      expect(cpdEntryProblems(e, e.doneOn)).toEqual([]);
      expect(e.doneOn < today && e.doneOn > addCalendarDays(today, -366)).toBe(true);
    }
    expect(made.cpd.filter((e) => e.staffId === 'ot1').length).toBeGreaterThanOrEqual(8);
  });
});
