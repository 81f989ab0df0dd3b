// An episode's history in words, for the episode page.
import {
  allocationChangeReasonLabels,
  delayReasonLabels,
  dischargeDestinationLabels,
  dischargeOutcomeLabels,
  onHoldReasonLabels,
  type AllocationChangeReason,
  type DelayReason,
  type DischargeDestination,
  type DischargeOutcome,
  type OnHoldReason,
} from '@homeward/clinical';
import type { EpisodeEventResponse } from './episode-schema.ts';

const text = (value: unknown) => (typeof value === 'string' ? value : null);

export function describeEpisodeEvent(e: EpisodeEventResponse): { what: string; why: string | null } {
  const d = e.detail;
  const note = text(d.note);
  const allocationWhy = e.reason ? allocationChangeReasonLabels[e.reason as AllocationChangeReason] ?? e.reason : null;
  const withNote = (why: string | null) => (why && note ? `${why}: ${note}` : why ?? note);
  const to = text(d.toName) ?? 'the team’s waiting list';
  switch (e.kind) {
    case 'triaged':
      return { what: 'Triaged', why: withNote(e.reason) };
    case 'allocated':
      return { what: `Allocated to ${to}`, why: withNote(allocationWhy) };
    case 'reallocated':
      return { what: `Moved from ${text(d.fromName) ?? 'the waiting list'} to ${to}`, why: withNote(allocationWhy) };
    case 'handed-over':
      return { what: `Handed over from ${text(d.fromName) ?? 'the waiting list'} to ${to}`, why: withNote(allocationWhy) };
    case 'status-changed':
      if (e.reason === 'first-contact') return { what: d.assessed ? 'First contact and first assessment recorded' : 'First contact recorded', why: null };
      if (e.reason === 'resumed') return { what: 'Resumed', why: null };
      if (d.to === 'on-hold') return { what: 'Put on hold', why: withNote(e.reason ? onHoldReasonLabels[e.reason as OnHoldReason] ?? e.reason : null) };
      return { what: `Status changed to ${text(d.to) ?? 'unknown'}`, why: withNote(e.reason) };
    case 'discharged':
      return {
        what: `Discharged: ${e.reason ? dischargeOutcomeLabels[e.reason as DischargeOutcome] ?? e.reason : 'no outcome'}`,
        why: withNote(`Destination: ${dischargeDestinationLabels[d.destination as DischargeDestination] ?? text(d.destination) ?? 'not recorded'}`),
      };
    case 'onward-referral':
      return { what: `Onward referral to ${text(d.toService) ?? 'another service'}`, why: note };
    case 'reviewed':
      return { what: `Reviewed: ${text(d.decisionLabel) ?? e.reason ?? 'decision recorded'}`, why: text(d.datesChanged) };
    case 'onward-acknowledged':
      return { what: `${text(d.toService) ?? 'The receiving service'} acknowledged the onward referral`, why: null };
    case 'mdt-flagged':
      return { what: 'Flagged for discussion at the MDT meeting', why: note };
    case 'mdt-decision':
      return { what: 'MDT decision', why: note };
    case 'discharge-ready':
      return { what: `Discharge Ready Date recorded: ${text(d.readyOn) ?? 'not given'}`, why: withNote(Array.isArray(d.reasons) && d.reasons.length ? `Delayed: ${d.reasons.map((r) => delayReasonLabels[r as DelayReason] ?? String(r)).join('; ')}` : null) };
    default:
      return { what: e.kind, why: withNote(e.reason) };
  }
}
