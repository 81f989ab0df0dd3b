// The add/change staff account form: form fields in, StaffDetailsInput (or field errors) out.
// Field ids are the error-summary anchors, so each message takes the administrator to the field.
import { bands, homewardRoleLabels, homewardRoles, professionLabels, professions } from '@homeward/clinical';
import type { FieldError } from '../platform/homeward-error.ts';
import { fieldsFromZodIssues } from '../platform/validation.ts';
import { checkNewPassword, checkStaffDetails } from './check-staff-details.ts';
import { staffDetailsSchema, type StaffAccount, type StaffDetailsInput, type Team } from './staff-schema.ts';

export type StaffFormValues = Record<string, string | string[] | undefined>;

const str = (v: unknown) => (typeof v === 'string' ? v : Array.isArray(v) ? String(v[0] ?? '') : '');

export type ParsedStaffForm = { ok: true; details: StaffDetailsInput; password: string } | { ok: false; fields: FieldError[] };

/** mode 'new' asks for a first password and makes the account active; 'edit' asks whether it is active. */
export function parseStaffForm(body: StaffFormValues, mode: 'new' | 'edit'): ParsedStaffForm {
  const fields: FieldError[] = [];

  const hoursText = str(body.contractedHours).trim();
  const hours = Number(hoursText);
  if (hoursText === '') fields.push({ path: 'contractedHours', message: 'Enter the contracted hours a week, like 37.5' });
  else if (!Number.isFinite(hours)) fields.push({ path: 'contractedHours', message: 'Contracted hours must be a number, like 37.5' });

  let active = true;
  if (mode === 'edit') {
    const v = str(body.active);
    if (v !== 'yes' && v !== 'no') fields.push({ path: 'active', message: 'Select whether the account is active' });
    active = v !== 'no';
  }

  const candidate = {
    givenName: str(body.givenName),
    familyName: str(body.familyName),
    email: str(body.email),
    profession: str(body.profession),
    registrationNumber: str(body.registrationNumber).trim() || null,
    band: str(body.band),
    homewardRole: str(body.homewardRole),
    teamId: str(body.teamId) || null,
    baseLocation: str(body.baseLocation),
    contractedHours: Number.isFinite(hours) && hoursText !== '' ? hours : 37.5,
    active,
  };
  const password = str(body.password);

  const parsed = staffDetailsSchema.safeParse(candidate);
  if (parsed.success) {
    fields.push(...checkStaffDetails(parsed.data));
  } else {
    const zodFields = fieldsFromZodIssues(parsed.error.issues);
    fields.push(...zodFields);
    // Say everything at once where we can: the rules that join fields still apply when only
    // unrelated fields (a name, the email) are wrong.
    if (!zodFields.some((f) => crossFieldInputs.has(f.path))) {
      const loose = { ...candidate, registrationNumber: candidate.registrationNumber?.replace(/\s+/g, '').toUpperCase() ?? null } as StaffDetailsInput;
      fields.push(...checkStaffDetails(loose));
    }
  }
  if (mode === 'new') fields.push(...checkNewPassword(password));
  if (fields.length || !parsed.success) return { ok: false, fields: inFormOrder(dedupe(fields)) };
  return { ok: true, details: parsed.data, password };
}

const crossFieldInputs = new Set(['profession', 'registrationNumber', 'homewardRole', 'teamId']);

const formOrder = ['version', 'givenName', 'familyName', 'email', 'homewardRole', 'teamId', 'profession', 'registrationNumber', 'band', 'baseLocation', 'contractedHours', 'active', 'password'];

/** The error summary lists problems in the order the fields appear. */
function inFormOrder(fields: FieldError[]): FieldError[] {
  const rank = (path: string) => (formOrder.includes(path) ? formOrder.indexOf(path) : formOrder.length);
  return [...fields].sort((a, b) => rank(a.path) - rank(b.path));
}

function dedupe(fields: FieldError[]): FieldError[] {
  const seen = new Set<string>();
  return fields.filter((f) => (seen.has(f.path) ? false : (seen.add(f.path), true)));
}

/** Error summary anchors: a stale version points at the top of the form. */
export function staffFieldAnchors(fields: FieldError[]): Record<string, string> {
  return Object.fromEntries(fields.map((f) => [f.path, f.path === 'version' ? 'givenName' : f.path]));
}

/** What was typed, to show again after errors. The password is never sent back to the browser. */
export function typedStaffFormValues(body: StaffFormValues): StaffFormValues {
  const { password: _password, ...rest } = body;
  return Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, str(v)]));
}

export function formValuesFromStaff(s: StaffAccount | StaffDetailsInput): StaffFormValues {
  return {
    givenName: s.givenName,
    familyName: s.familyName,
    email: s.email,
    profession: s.profession,
    registrationNumber: s.registrationNumber ?? '',
    band: s.band,
    homewardRole: s.homewardRole,
    teamId: s.teamId ?? '',
    baseLocation: s.baseLocation ?? '',
    contractedHours: String(s.contractedHours),
    active: s.active ? 'yes' : 'no',
  };
}

export const newStaffFormValues: StaffFormValues = { contractedHours: '37.5', teamId: '', active: 'yes' };

/** The choices the form offers, in the words the team uses. */
export function staffFormOptions(teams: Team[]) {
  return {
    roles: homewardRoles.map((value) => ({ value, text: homewardRoleLabels[value] })),
    professions: professions.map((value) => ({ value, text: professionLabels[value] })),
    bands: bands.map((value) => ({ value, text: value === 'none' ? 'Not on an Agenda for Change band' : `Band ${value}` })),
    teams: teams.map((t) => ({ value: t.id, text: `${t.name} (${t.baseLocation})` })),
  };
}
