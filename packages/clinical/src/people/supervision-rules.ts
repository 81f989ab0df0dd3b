// Clinical supervision: who may supervise whom, how often each role is supervised, and when the next
// session is due.
//
// Decisions (the Trust's supervision policy as the assistant practitioner's job description describes it;
// HCPC standards of proficiency on supervision):
//  - A supervisor is registered (an occupational therapist or physiotherapist on the HCPC register) and
//    senior to the supervisee (a higher Agenda for Change band), active, and not the supervisee.
//  - How often, per role, as data: support workers and assistant practitioners every 4-6 weeks,
//    registered therapists every 6-8 weeks, clinical leads and service managers every 8-12 weeks.
//    Students are supervised by their practice educator under the university's rules, not this policy;
//    administrators and privacy officers have managerial supervision outside Homeward.
//  - The next session is due the policy's longest interval after the last one (never supervised: due
//    now); amber from the shortest interval (time to book it), red after the longest.
import { daysBetween, addCalendarDays } from '../episode-dates.ts';
import type { Band, HomewardRole, Profession } from '../staff-roles.ts';
import { bands, homewardRoleLabels } from '../staff-roles.ts';
import type { DueStatus } from './due-status.ts';

export type SupervisionFrequency = { minWeeks: number; maxWeeks: number };

export const supervisionFrequencies: Record<HomewardRole, SupervisionFrequency | null> = {
  'support-worker': { minWeeks: 4, maxWeeks: 6 },
  'assistant-practitioner': { minWeeks: 4, maxWeeks: 6 },
  'registered-therapist': { minWeeks: 6, maxWeeks: 8 },
  'clinical-lead': { minWeeks: 8, maxWeeks: 12 },
  'service-manager': { minWeeks: 8, maxWeeks: 12 },
  student: null,
  administrator: null,
  'privacy-officer': null,
};

export type SupervisionPerson = { name: string; role: HomewardRole; profession: Profession; band: Band; active: boolean };

export const supervisorRules = ['supervisor-is-supervisee', 'supervisor-inactive', 'supervisor-not-registered', 'supervisor-not-senior', 'supervisee-not-supervised'] as const;
export type SupervisorRule = (typeof supervisorRules)[number];

export type SupervisorDecision = { allowed: true } | { allowed: false; rule: SupervisorRule; message: string };

/** A band's seniority: '2' lowest ... '9' highest; 'none' (not on Agenda for Change) below all. */
export function bandRank(band: Band): number {
  return band === 'none' ? -1 : bands.indexOf(band);
}

/** Whether `supervisor` may supervise `supervisee`; the first rule broken, in the order above, is the one reported. */
export function decideSupervisor(o: { supervisor: SupervisionPerson & { id: string }; supervisee: SupervisionPerson & { id: string } }): SupervisorDecision {
  const { supervisor, supervisee } = o;
  if (supervisor.id === supervisee.id) return { allowed: false, rule: 'supervisor-is-supervisee', message: 'A supervisor must be someone other than the supervisee' };
  if (!supervisor.active) return { allowed: false, rule: 'supervisor-inactive', message: `${supervisor.name} is not active and cannot supervise` };
  if (supervisor.profession === 'none') {
    return { allowed: false, rule: 'supervisor-not-registered', message: `${supervisor.name} is not a registered professional: a supervisor must be a registered occupational therapist or physiotherapist` };
  }
  if (bandRank(supervisor.band) <= bandRank(supervisee.band)) {
    return {
      allowed: false,
      rule: 'supervisor-not-senior',
      message: `${supervisor.name} (band ${supervisor.band}) is not senior to ${supervisee.name} (band ${supervisee.band}): a supervisor must be on a higher band`,
    };
  }
  if (supervisionFrequencies[supervisee.role] === null) {
    return { allowed: false, rule: 'supervisee-not-supervised', message: `A ${homewardRoleLabels[supervisee.role].toLowerCase()} is not supervised under this policy` };
  }
  return { allowed: true };
}

export type SupervisionDue = { dueOn: string; status: DueStatus };

/** When the next session is due and its colour; null for a role the policy does not cover. */
export function supervisionDue(o: { role: HomewardRole; lastHeldOn: string | null; today: string }): SupervisionDue | null {
  const frequency = supervisionFrequencies[o.role];
  if (frequency === null) return null;
  if (o.lastHeldOn === null) return { dueOn: o.today, status: 'overdue' };
  const dueOn = addCalendarDays(o.lastHeldOn, frequency.maxWeeks * 7);
  const amberFrom = addCalendarDays(o.lastHeldOn, frequency.minWeeks * 7);
  if (daysBetween(o.today, dueOn) < 0) return { dueOn, status: 'overdue' };
  if (daysBetween(amberFrom, o.today) >= 0) return { dueOn, status: 'due-soon' };
  return { dueOn, status: 'in-date' };
}
