// The run sheet and a visit's outcome as JSON (/api/run-sheets, /api/visits/:id/outcome).
import { z } from 'zod';
import { allVisitOutcomeReasons, visitOutcomes } from './record-visit-outcome-rules.ts';

const time = z.string().describe("Europe/London wall-clock 'HH:MM'");

export const visitResponse = z.object({
  id: z.string(),
  version: z.number(),
  episodeId: z.string(),
  patientId: z.string(),
  date: z.string(),
  purpose: z.string(),
  place: z.string(),
  status: z.string(),
  origin: z.string(),
  outcomeReason: z.string().nullable(),
  rebookedFrom: z.string().nullable(),
  contactNoteId: z.string().nullable(),
});

const runSheetVisit = z.object({
  id: z.string(),
  version: z.number(),
  episodeId: z.string(),
  service: z.string(),
  purpose: z.string(),
  place: z.string(),
  status: z.string(),
  outcomeReason: z.string().nullable(),
  contactNoteId: z.string().nullable(),
  durationMinutes: z.number(),
  window: z.object({ start: time, end: time }).nullable(),
  arrival: time,
  start: time,
  end: time,
  travelMinutes: z.number(),
  distanceKm: z.number(),
  withStaff: z.object({ id: z.string(), name: z.string() }).nullable(),
  staffNeededReason: z.string().nullable(),
  patient: z.object({
    id: z.string(),
    givenName: z.string(),
    familyName: z.string(),
    nhsNumber: z.string(),
    dateOfBirth: z.string(),
    addressLine1: z.string(),
    addressLine2: z.string().nullable(),
    town: z.string(),
    postcode: z.string(),
    latitude: z.number().nullable(),
    longitude: z.number().nullable(),
    phone: z.string().nullable(),
    keySafe: z.boolean(),
    accessNotes: z.string().nullable(),
    riskFlags: z.array(z.string()),
    riskNotes: z.string().nullable(),
    communicationNeeds: z.object({ needs: z.array(z.string()), interpreterLanguage: z.string().nullable(), notes: z.string().nullable() }),
  }),
  proposedRebookOn: z.string().describe('The day a rebooking would be proposed for, yyyy-mm-dd'),
});

export const runSheetResponse = z.object({
  staffId: z.string(),
  date: z.string(),
  published: z.boolean(),
  publishedAt: z.string().nullable(),
  leave: time.nullable(),
  return: time.nullable(),
  travelMinutes: z.number(),
  distanceKm: z.number(),
  items: z.array(z.union([runSheetVisit.extend({ kind: z.literal('visit') }), z.object({ kind: z.literal('break'), start: time, end: time })])),
  changes: z.array(z.object({ staffId: z.string(), visitId: z.string(), kind: z.enum(['added', 'removed', 'time-changed']), before: z.string().nullable(), after: z.string().nullable(), patientId: z.string().nullable(), patientName: z.string().nullable() })),
});

export const visitOutcomeBody = z.strictObject({
  version: z.int().min(1).max(2_147_483_647),
  outcome: z.enum(visitOutcomes),
  reason: z.enum(allVisitOutcomeReasons),
  reasonDetail: z.string().max(500).nullable().optional(),
  rebookOn: z.iso.date('rebookOn must be a date, yyyy-mm-dd').nullable(),
  rebookingId: z.uuid().optional(),
});

export const visitDoneBody = z.strictObject({ version: z.int().min(1).max(2_147_483_647) });
