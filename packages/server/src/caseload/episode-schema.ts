// The JSON shapes of episodes of care, their history, onward referrals and the caseload.
import { z } from 'zod';
import { version } from '../platform/number-schemas.ts';
import { activityEndingsAtDischarge, allocationChangeReasons, handOverReceivers, onHoldReasons, priorities, services } from '@homeward/clinical';

export const clockResponse = z.object({
  state: z.enum(['met', 'running', 'due-soon', 'breached', 'breached-met-late']),
  minutesLeft: z.number().optional(),
  minutesOver: z.number().optional(),
  text: z.string(),
});

export const episodeResponse = z.object({
  id: z.string(),
  version: z.number(),
  patientId: z.string(),
  referralId: z.string(),
  teamId: z.string(),
  service: z.string(),
  pathway: z.number().nullable(),
  setting: z.string(),
  status: z.enum(['waiting', 'active', 'on-hold', 'discharged']),
  holdReason: z.string().nullable(),
  complexity: z.enum(['complex', 'non-complex']),
  complexityReason: z.string(),
  priority: z.string(),
  skillsNeeded: z.array(z.string()),
  triageNotes: z.string().nullable(),
  triagedBy: z.string(),
  triagedAt: z.string(),
  referralReceivedAt: z.string(),
  /** The patient's date of birth (yyyy-mm-dd): no clinical date in the episode may come before it. */
  patientDateOfBirth: z.string(),
  clockStartsAt: z.string(),
  responseDueAt: z.string(),
  clock: clockResponse,
  allocatedTo: z.string().nullable(),
  allocatedToName: z.string().nullable(),
  allocatedAt: z.string().nullable(),
  firstContactAt: z.string().nullable(),
  firstAssessmentAt: z.string().nullable(),
  lastContactAt: z.string().nullable(),
  nextContactAt: z.string().nullable(),
  plannedEndOn: z.string().nullable(),
  reviewDueOn: z.string().nullable(),
  visitsPerWeek: z.number(),
  travelMinutes: z.number(),
  dischargedOn: z.string().nullable(),
  dischargeOutcome: z.string().nullable(),
  dischargeDestination: z.string().nullable(),
  dischargeNote: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type EpisodeResponse = z.infer<typeof episodeResponse>;

export const episodeEventResponse = z.object({
  id: z.string(),
  occurredAt: z.string(),
  staffId: z.string(),
  staffName: z.string(),
  kind: z.string(),
  reason: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
});
export type EpisodeEventResponse = z.infer<typeof episodeEventResponse>;

export const onwardReferralResponse = z.object({
  id: z.string(),
  episodeId: z.string(),
  toService: z.string(),
  note: z.string().nullable(),
  sentAt: z.string(),
  acknowledgedAt: z.string().nullable(),
  version: z.number(),
});
export type OnwardReferralResponse = z.infer<typeof onwardReferralResponse>;

export const episodeDetailResponse = episodeResponse.extend({
  events: z.array(episodeEventResponse),
  onwardReferrals: z.array(onwardReferralResponse),
});

const note = z.string().trim().max(2000).optional();

export const allocationBody = z.strictObject({
  staffId: z.uuid('Choose who will hold the episode').nullable(),
  reason: z.enum(allocationChangeReasons).optional(),
  note,
  version,
});
export const handOverBody = z.strictObject({
  staffId: z.uuid('Choose the colleague taking the episode'),
  reason: z.enum(allocationChangeReasons, 'Choose why the episode is being handed over'),
  note,
  version,
});
export const firstContactBody = z.strictObject({
  at: z.iso.datetime({ offset: true, message: 'Enter the date and time of first contact' }),
  nextContactAt: z.iso.datetime({ offset: true }).optional(),
  version,
});
export const holdBody = z.strictObject({
  reason: z.enum(onHoldReasons, 'Choose why the episode is on hold'),
  note,
  version,
});
export const resumeBody = z.strictObject({ version });
// Outcome and destination are checked in the domain function, so a missing outcome gets the clinical message.
/** What discharge does to one active programme activity: end it, or hand it over to a named receiver. */
export const activityAtDischargeBody = z.strictObject({
  activityId: z.uuid('The activity id must be a UUID'),
  ending: z.enum(activityEndingsAtDischarge, 'Choose whether the activity ends at discharge or is handed over'),
  receiverKind: z.enum(handOverReceivers, 'Choose who takes the activity over: the patient on their own, a carer, a care agency or another service').nullable().optional().transform((v) => v ?? null),
  receiverName: z.string().trim().max(200, 'The name of who takes it over must be 200 characters or fewer').nullable().optional().transform((v) => v || null),
});
export const dischargeBody = z.strictObject({
  outcome: z.string().optional(),
  destination: z.string().optional(),
  dischargedOn: z.string().optional(),
  note,
  /** Each active activity of the programme of care; any not listed is ended at discharge. */
  programme: z.array(activityAtDischargeBody).max(200).optional(),
  version,
});
export const onwardReferralBody = z.strictObject({
  toService: z.string().trim().max(200),
  note,
});
export const acknowledgementBody = z.strictObject({ version });

export const caseloadFilters = z.object({
  staffId: z.uuid().optional(),
  team: z.uuid().optional(),
  service: z.enum(services).optional(),
  pathway: z.enum(['0', '1', '2', '3']).optional(),
  priority: z.enum(priorities).optional(),
  breached: z.enum(['true', 'false', '1', '0']).optional(),
  unallocated: z.enum(['true', 'false', '1', '0']).optional(),
});

export const caseloadRowResponse = z.object({
  episodeId: z.string(),
  version: z.number(),
  patient: z.object({ id: z.string(), nhsNumber: z.string(), givenName: z.string(), familyName: z.string(), riskFlags: z.array(z.string()) }),
  service: z.string(),
  pathway: z.number().nullable(),
  priority: z.string(),
  complexity: z.string(),
  status: z.string(),
  holdReason: z.string().nullable(),
  responseDueAt: z.string(),
  clock: clockResponse,
  allocatedTo: z.object({ id: z.string(), name: z.string() }).nullable(),
  lastContactAt: z.string().nullable(),
  nextContactAt: z.string().nullable(),
  reviewDueOn: z.string().nullable(),
  weight: z.number(),
  /** The travel the weight counts: base to home and back by the road model, or the fixed figure while the patient (or the base) is not placed. */
  travel: z.discriminatedUnion('basis', [
    z.object({ basis: z.literal('road-model'), roundTripMinutes: z.number() }),
    z.object({ basis: z.literal('fixed'), oneWayMinutes: z.number(), patientPlaced: z.boolean() }),
  ]),
  score: z.number(),
  reasons: z.array(z.object({ label: z.string(), points: z.number() })),
});
export type CaseloadRow = z.infer<typeof caseloadRowResponse>;

export const capacityResponse = z.object({
  staffId: z.string(),
  name: z.string(),
  role: z.string(),
  profession: z.string(),
  contractedHours: z.number(),
  episodes: z.number(),
  /** The sum of the episodes' weights; one unit is about 2 hours of a clinician's week. */
  totalWeight: z.number(),
  /** The weight the contracted hours can carry. */
  capacity: z.number(),
  percent: z.number().nullable(),
  status: z.enum(['room', 'full', 'over']),
});
export type CapacityResponse = z.infer<typeof capacityResponse>;
