// The visits API's shapes (Zod 4: the same schemas parse requests and describe them in OpenAPI).
import { z } from 'zod';
import { visitPlaces, visitPurposes } from '@homeward/clinical';
import { version } from '../platform/number-schemas.ts';
import { optionalText, text } from '../platform/text-schemas.ts';

const time = (what: string) => z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, `${what} must be a time, hh:mm`);
const day = z.iso.date('Must be a date, yyyy-mm-dd');

export const windowBody = z.object({ start: time('start'), end: time('end') });

export const visitResponse = z.object({
  id: z.string(),
  version: z.number(),
  episodeId: z.string(),
  patientId: z.string(),
  patientName: z.string(),
  date: z.string(),
  purpose: z.enum(visitPurposes),
  durationMinutes: z.number(),
  place: z.enum(visitPlaces),
  location: z.object({ lat: z.number(), lon: z.number() }).nullable(),
  window: windowBody.nullable(),
  staffNeeded: z.union([z.literal(1), z.literal(2)]),
  staffNeededReason: z.string().nullable(),
  registeredRequired: z.boolean(),
  skills: z.array(z.string()),
  preferredStaffId: z.string().nullable(),
  preferredStaffName: z.string().nullable(),
  dueBy: z.string().nullable(),
  pinnedStaffId: z.string().nullable(),
  pinnedStaffName: z.string().nullable(),
  pinnedStart: z.string().nullable(),
  priority: z.number(),
  status: z.enum(['to-plan', 'cancelled', 'done', 'no-access']),
  origin: z.enum(['proposed', 'added', 'rebooked', 'urgent']),
  cancelledReason: z.string().nullable(),
});

export const visitsQuery = z.object({
  date: day.optional().describe('The first day (default today)'),
  days: z.coerce.number().int().min(1, 'days must be 1 to 14').max(14, 'days must be 1 to 14').optional().describe('How many days from date (default 1; 7 for a week)'),
});

export const newVisitBody = z.object({
  id: z.uuid('id must be a UUID').optional(),
  episodeId: z.uuid('episodeId must be a UUID'),
  date: day,
  purpose: z.enum(visitPurposes),
  durationMinutes: z.number().int().optional().describe('Default: the episode’s visit needs'),
  window: windowBody.nullable().optional(),
  pinnedStaffId: z.uuid('pinnedStaffId must be a UUID').nullable().optional(),
  pinnedStart: time('pinnedStart').nullable().optional(),
});

export const visitChangeBody = z.object({
  version,
  date: day.optional(),
  purpose: z.enum(visitPurposes).optional(),
  durationMinutes: z.number().int().optional(),
  window: windowBody.nullable().optional(),
  pinnedStaffId: z.uuid('pinnedStaffId must be a UUID').nullable().optional(),
  pinnedStart: time('pinnedStart').nullable().optional(),
});

export const cancelVisitBody = z.object({ version, reason: text(500) });

export const proposalBody = z.object({
  from: day.optional().describe('Default today'),
  to: day.optional().describe('Default 6 days after from'),
});

export const proposalResponse = z.object({
  from: z.string(),
  to: z.string(),
  proposed: z.number(),
  episodes: z.array(z.object({ episodeId: z.string(), patientId: z.string(), patientName: z.string(), proposed: z.number(), cannotVisit: z.string().nullable(), warnings: z.array(z.string()) })),
});

export const visitNeedsBody = z.object({
  version: version.nullable().describe('The version read; null when none were recorded yet'),
  durationMinutes: z.number().int(),
  place: z.enum(visitPlaces),
  windows: z.array(z.object({ days: z.array(z.number().int().min(1).max(7)).nullable(), start: time('start'), end: time('end'), note: optionalText(200) })).max(7),
  unavailableDays: z.array(z.number().int().min(1, 'Days are 1 (Monday) to 7 (Sunday)').max(7, 'Days are 1 (Monday) to 7 (Sunday)')).max(7),
  staffNeeded: z.union([z.literal(1), z.literal(2)]),
  staffNeededReason: optionalText(200),
  registeredRequired: z.boolean(),
  skills: z.array(text(50)).max(10),
  preferredStaffId: z.uuid('preferredStaffId must be a UUID').nullable(),
  notes: optionalText(1000),
});

export const visitNeedsResponse = z.object({
  id: z.string().nullable(),
  version: z.number().nullable(),
  episodeId: z.string(),
  recorded: z.boolean(),
  durationMinutes: z.number(),
  place: z.enum(visitPlaces),
  windows: z.array(z.object({ days: z.array(z.number()).nullable(), start: z.string(), end: z.string(), note: z.string().nullable() })),
  unavailableDays: z.array(z.number()),
  staffNeeded: z.union([z.literal(1), z.literal(2)]),
  staffNeededReason: z.string().nullable(),
  registeredRequired: z.boolean(),
  skills: z.array(z.string()),
  preferredStaffId: z.string().nullable(),
  notes: z.string().nullable(),
});
