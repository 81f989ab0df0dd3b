// The JSON shapes of a CPD log entry (issue 16 #3). Rules beyond structure (a date not in the future, hours
// to the quarter hour) are packages/clinical's cpdEntryProblems, shared by the pages and the API.
import { z } from 'zod';
import { cpdKinds, hcpcCpdStandards } from '@homeward/clinical';
import { version } from '../platform/number-schemas.ts';
import { optionalText, text } from '../platform/text-schemas.ts';

const longText = (max: number) => optionalText(max).optional().transform((v) => v ?? '');

const entryFields = {
  activity: text(300).min(1, 'Enter what the activity was'),
  doneOn: z.iso.date('Enter the date of the activity, as yyyy-mm-dd'),
  hours: z.number('Enter the hours as a number, like 1.5').finite('Enter the hours as a number, like 1.5'),
  kind: z.enum(cpdKinds, { error: `Choose the type of activity: ${cpdKinds.join(', ')}` }),
  learned: longText(8000),
  practiceChange: longText(8000),
  reflection: longText(16000),
  // Which of HCPC's standards 1-5 (cpdEntryProblems refuses any other, in the page's words).
  hcpcStandards: z.array(z.number('HCPC standards are the numbers 1 to 5').int('HCPC standards are the numbers 1 to 5')).max(hcpcCpdStandards.length, 'Choose each HCPC standard once').default([]),
};

export const cpdEntryBody = z.strictObject({ id: z.uuid('The entry id must be a UUID').optional(), ...entryFields });
export type CpdEntryBody = z.infer<typeof cpdEntryBody>;

export const cpdEntryChangeBody = z.strictObject({ ...entryFields, version });
export type CpdEntryChangeBody = z.infer<typeof cpdEntryChangeBody>;

/** What a log entry holds, whatever the form it came from. */
export type CpdEntryInput = Omit<CpdEntryBody, 'id'>;

export const cpdEntryResponse = z.object({
  id: z.string(),
  version: z.number(),
  staffId: z.string(),
  activity: z.string(),
  doneOn: z.string(),
  hours: z.number(),
  kind: z.string(),
  kindLabel: z.string(),
  learned: z.string(),
  practiceChange: z.string(),
  reflection: z.string(),
  hcpcStandards: z.array(z.number()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CpdEntryResponse = z.infer<typeof cpdEntryResponse>;

export const cpdLogResponse = z.object({
  staff: z.object({ id: z.string(), name: z.string(), role: z.string() }),
  entries: z.array(cpdEntryResponse),
  /** The two-year profile HCPC asks for in an audit. */
  profile: z.object({
    from: z.string(),
    to: z.string(),
    totalHours: z.number(),
    hoursByKind: z.array(z.object({ kind: z.string(), label: z.string(), entries: z.number(), hours: z.number() })),
    standards: z.array(z.object({ standard: z.number(), text: z.string(), entryIds: z.array(z.string()) })),
    gaps: z.array(z.string()),
  }),
});
