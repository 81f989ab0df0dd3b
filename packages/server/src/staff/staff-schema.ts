// A staff account as the JSON API accepts and returns it. Structure is checked here (types, lengths,
// lists, no unknown fields); the rules that join fields together (registration for OTs and PTs, a
// team for clinical roles) are in check-staff-details.ts so the pages and the API say the same thing.
import { z } from 'zod';
import { version } from '../platform/number-schemas.ts';
import { bands, homewardRoles, professions } from '@homeward/clinical';
import { optionalText, text } from '../platform/text-schemas.ts';


export const staffEmailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, { message: 'Enter the email address', abort: true })
  .max(320, { message: 'Email address must be 320 characters or fewer', abort: true })
  .regex(/^[^@\s]+@[^@\s]+\.[^@\s]+$/, 'Enter an email address in the correct format, like name@example.nhs.uk');

const contractedHours = z
  .number('Contracted hours must be a number, like 37.5')
  .min(0, 'Contracted hours must be between 0 and 60')
  .max(60, 'Contracted hours must be between 0 and 60')
  .multipleOf(0.1, 'Contracted hours can have one decimal place at most, like 22.5');

export const staffDetailsSchema = z.strictObject({
  givenName: text(100).min(1, 'Enter the given name'),
  familyName: text(100).min(1, 'Enter the family name'),
  email: staffEmailSchema,
  profession: z.enum(professions, 'Select the profession: occupational therapist, physiotherapist or not registered'),
  // HCPC numbers are kept as the register shows them: upper case, no spaces (OT12345).
  registrationNumber: z
    .string()
    .max(20, 'Registration number must be 20 characters or fewer')
    .nullable()
    .transform((v) => (v ? v.replace(/\s+/g, '').toUpperCase() || null : null)),
  band: z.enum(bands, 'Select the band from the list'),
  homewardRole: z.enum(homewardRoles, 'Select a Homeward role from the list'),
  teamId: z.uuid('Select a team from the list').nullable(),
  baseLocation: optionalText(200),
  contractedHours,
  active: z.boolean(),
});
export type StaffDetailsInput = z.output<typeof staffDetailsSchema>;

export const createStaffBody = staffDetailsSchema.extend({
  registrationNumber: staffDetailsSchema.shape.registrationNumber.optional().transform((v) => v ?? null),
  teamId: staffDetailsSchema.shape.teamId.optional().transform((v) => v ?? null),
  baseLocation: staffDetailsSchema.shape.baseLocation.optional().transform((v) => v ?? null),
  contractedHours: contractedHours.optional().transform((v) => v ?? 37.5),
  active: z.boolean().optional().transform((v) => v ?? true),
  /** The first password; the person should change it once password changes exist. */
  password: z.string().max(1024, 'Password must be 200 characters or fewer'),
});

// A full replacement: every field is sent, so nothing is reset by leaving it out.
export const updateStaffBody = staffDetailsSchema.extend({
  version,
});

export const setPasswordBody = z.strictObject({
  password: z.string().max(1024, 'Password must be 200 characters or fewer'),
});

export const staffAccountResponse = z.object({
  id: z.string(),
  version: z.number(),
  email: z.string(),
  givenName: z.string(),
  familyName: z.string(),
  profession: z.enum(professions),
  registrationNumber: z.string().nullable(),
  band: z.string(),
  homewardRole: z.enum(homewardRoles),
  teamId: z.string().nullable(),
  teamName: z.string().nullable(),
  baseLocation: z.string().nullable(),
  contractedHours: z.number(),
  active: z.boolean(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
  updatedAt: z.string(),
  updatedBy: z.string().nullable(),
});
export type StaffAccount = z.infer<typeof staffAccountResponse>;

export const teamResponse = z.object({ id: z.string(), name: z.string(), baseLocation: z.string() });
export type Team = z.infer<typeof teamResponse>;
