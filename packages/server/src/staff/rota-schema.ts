// The rota's JSON shapes. Structure is checked here (types, lengths, no unknown fields); the rota's own
// rules (a shift that ends before it starts, overlapping leave) are checkWeekPattern and
// checkRotaException in packages/clinical, so the pages and the API say the same words.
import { z } from 'zod';
import { rotaExceptionKinds } from '@homeward/clinical';
import { largestStoredInteger, version } from '../platform/number-schemas.ts';
import { optionalText } from '../platform/text-schemas.ts';

// Times are checked by checkWeekPattern / checkRotaException (so they can name the day); here only that they are short text.
const time = z.string('Enter the time as hours and minutes, like 08:30').trim().max(10, 'Enter the time as hours and minutes, like 08:30');
const latitude = z.number('The latitude must be a number, like 53.02').min(-90, 'The latitude must be between -90 and 90').max(90, 'The latitude must be between -90 and 90');
const longitude = z.number('The longitude must be a number, like -2.19').min(-180, 'The longitude must be between -180 and 180').max(180, 'The longitude must be between -180 and 180');

export const patternDayBody = z.strictObject({
  weekday: z.number().int('The day of the week must be 1 (Monday) to 7 (Sunday)').min(1, 'The day of the week must be 1 (Monday) to 7 (Sunday)').max(7, 'The day of the week must be 1 (Monday) to 7 (Sunday)'),
  start: time,
  end: time,
  breakMinutes: z.number('The break must be a whole number of minutes').int('The break must be a whole number of minutes').min(0).max(largestStoredInteger),
});

export const rotaPatternBody = z.strictObject({
  /** The days worked in a usual week; a day not listed is a day off. */
  week: z.array(patternDayBody).max(7, 'A week has seven days at most'),
  startsFrom: z.enum(['base', 'home'], 'Choose where their day starts and ends: the base or home'),
  carDriver: z.boolean('Say whether they drive a car for work'),
  baseName: optionalText(200).optional().transform((v) => v ?? null),
  baseLatitude: latitude.nullable().optional().transform((v) => v ?? null),
  baseLongitude: longitude.nullable().optional().transform((v) => v ?? null),
  homeLatitude: latitude.nullable().optional().transform((v) => v ?? null),
  homeLongitude: longitude.nullable().optional().transform((v) => v ?? null),
  workPhone: optionalText(40).optional().transform((v) => v ?? null),
  carDescription: optionalText(200).optional().transform((v) => v ?? null),
  /** The version read; leave it out when the person has no pattern yet (the first save makes it). */
  version: version.optional(),
});
export type RotaPatternBody = z.infer<typeof rotaPatternBody>;
export type RotaPatternInput = Omit<RotaPatternBody, 'version'>;

export const rotaExceptionBody = z.strictObject({
  id: z.uuid('The exception id must be a UUID').optional(),
  kind: z.enum(rotaExceptionKinds, 'Choose what this is: annual leave, sickness, training, other absence or an extra shift'),
  startsOn: z.iso.date('Enter the first day as yyyy-mm-dd'),
  endsOn: z.iso.date('Enter the last day as yyyy-mm-dd'),
  startTime: time.nullable().optional().transform((v) => (v ? v : null)),
  endTime: time.nullable().optional().transform((v) => (v ? v : null)),
  note: optionalText(500).optional().transform((v) => v ?? null),
});
export type RotaExceptionBody = z.infer<typeof rotaExceptionBody>;

export const rotaExceptionCancelBody = z.strictObject({ version });

export const onCallBody = z.strictObject({
  date: z.iso.date('Enter the date as yyyy-mm-dd'),
  staffId: z.uuid('Choose who is on call'),
  managerStaffId: z.uuid('Choose the manager on call').nullable().optional().transform((v) => v ?? null),
  /** The version read; leave it out when nobody is on call that day yet. */
  version: version.optional(),
});
export type OnCallBody = z.infer<typeof onCallBody>;

const geo = z.object({ lat: z.number(), lon: z.number() }).nullable();
const shift = z.object({ start: z.string(), end: z.string(), breakMinutes: z.number() }).nullable();

export const rotaPatternResponse = z.object({
  id: z.string().nullable(),
  version: z.number().nullable(),
  staffId: z.string(),
  name: z.string(),
  role: z.string(),
  band: z.string(),
  profession: z.string(),
  contractedHours: z.number(),
  week: z.array(z.object({ weekday: z.number(), start: z.string(), end: z.string(), breakMinutes: z.number() })),
  startsFrom: z.enum(['base', 'home']),
  carDriver: z.boolean(),
  baseName: z.string().nullable(),
  base: geo,
  home: geo,
  workPhone: z.string().nullable(),
  carDescription: z.string().nullable(),
  updatedAt: z.string().nullable(),
});

export const rotaExceptionResponse = z.object({
  id: z.string(),
  version: z.number(),
  staffId: z.string(),
  teamId: z.string(),
  kind: z.enum(rotaExceptionKinds),
  startsOn: z.string(),
  endsOn: z.string(),
  startTime: z.string().nullable(),
  endTime: z.string().nullable(),
  note: z.string().nullable(),
  cancelled: z.boolean().optional(),
  cancelledAt: z.string().nullable(),
  cancelledBy: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.string(),
});

export const onCallResponse = z.object({
  id: z.string(),
  version: z.number(),
  teamId: z.string(),
  date: z.string(),
  staffId: z.string(),
  name: z.string(),
  managerStaffId: z.string().nullable(),
  managerName: z.string().nullable(),
});

export const staffDayResponse = z.object({
  staffId: z.string(),
  name: z.string(),
  role: z.string(),
  band: z.string(),
  profession: z.string(),
  registered: z.boolean(),
  skills: z.array(z.string()),
  date: z.string(),
  shift,
  notWorkingBecause: z.string().nullable(),
  cover: z.boolean(),
  startsFrom: z.enum(['base', 'home']),
  start: geo,
  end: geo,
  carDriver: z.boolean(),
  workPhone: z.string().nullable(),
  carDescription: z.string().nullable(),
});

export const rotaRangeResponse = z.object({
  teamId: z.string(),
  from: z.string(),
  to: z.string(),
  days: z.array(staffDayResponse),
  onCall: z.array(onCallResponse),
  bankHolidays: z.array(z.object({ date: z.string(), name: z.string() })),
  exceptions: z.array(rotaExceptionResponse),
});

export const staffRotaResponse = z.object({ pattern: rotaPatternResponse, exceptions: z.array(rotaExceptionResponse) });
