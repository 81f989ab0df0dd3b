// The intake, triage and reject forms: form fields in, the API's input shapes (or field errors) out,
// through the same schemas and checks as the JSON API. Field ids are the error-summary anchors.
import {
  gpPracticeProblems,
  normaliseOdsPracticeCode,
  parseDateParts,
  fromUkWallClock,
  toUkWallClock,
} from '@homeward/clinical';
import type { FieldError } from '../platform/homeward-error.ts';
import { fieldsFromZodIssues } from '../platform/validation.ts';
import { checkReferralDetails, referralRuleProblems, type ReferralDetails } from './check-referral-details.ts';
import { referralDetailsSchema, rejectDetailsSchema, triageDetailsSchema, type RejectDetailsInput, type TriageDetailsInput } from './referral-schema.ts';
import { checkRejection } from './reject-referral.ts';

export type FormValues = Record<string, string | string[] | undefined>;

const str = (v: unknown) => (typeof v === 'string' ? v : Array.isArray(v) ? String(v[0] ?? '') : '');
const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' && v !== '' ? [v] : []);

const anchors: Record<string, string> = {
  receivedAt: 'receivedAt-day',
  consentToReferral: 'consentToReferral',
  skillsNeeded: 'skillsNeeded',
};

export function formAnchors(fields: FieldError[]): Record<string, string> {
  return Object.fromEntries(fields.map((f) => [f.path, anchors[f.path] ?? f.path.split('.')[0]!]));
}

function dedupe(fields: FieldError[]): FieldError[] {
  const seen = new Set<string>();
  return fields.filter((f) => (seen.has(f.path) ? false : (seen.add(f.path), true)));
}

/** A blank intake form: received now, in UK time. */
export function newReferralValues(now: Date): FormValues {
  const { date, time } = toUkWallClock(now);
  const [year, month, day] = date.split('-');
  return { 'receivedAt-day': String(Number(day)), 'receivedAt-month': String(Number(month)), 'receivedAt-year': year, receivedTime: time, consentToReferral: '' };
}

export type ParsedReferralForm = { ok: true; details: ReferralDetails } | { ok: false; fields: FieldError[] };

/** `bornOn`: the patient's date of birth, yyyy-mm-dd; a referral cannot be received before it. */
export function parseReferralForm(body: FormValues, now: Date, bornOn: string): ParsedReferralForm {
  const fields: FieldError[] = [];
  const today = toUkWallClock(now).date;
  const date = parseDateParts(
    { day: str(body['receivedAt-day']), month: str(body['receivedAt-month']), year: str(body['receivedAt-year']) },
    // When it may fall (after birth, not in the future) is checked with the API's rule, below.
    { label: 'Date the referral was received', today },
  );
  if (!date.ok) fields.push({ path: 'receivedAt', message: date.message });
  const timeText = str(body.receivedTime).trim();
  const time = /^(\d{1,2})[:.](\d{2})$/.exec(timeText);
  let receivedAt: string | undefined;
  if (!timeText) {
    fields.push({ path: 'receivedTime', message: 'Enter the time the referral was received, like 14:30' });
  } else if (!time || Number(time[1]) > 23 || Number(time[2]) > 59) {
    fields.push({ path: 'receivedTime', message: 'Time received must be a real time on the 24-hour clock, like 14:30' });
  } else if (date.ok) {
    const instant = fromUkWallClock(date.value, `${time[1]!.padStart(2, '0')}:${time[2]}`);
    if (!instant) fields.push({ path: 'receivedTime', message: 'That time did not happen in the UK: the clocks went forward an hour. Check the time received.' });
    else receivedAt = instant.toISOString();
  }

  const consent = str(body.consentToReferral);
  const candidate = {
    source: str(body.source),
    sourceDetail: str(body.sourceDetail),
    receivedAt,
    service: str(body.service),
    setting: str(body.setting),
    reason: str(body.reason),
    presentingNeeds: str(body.presentingNeeds),
    urgencyRequested: str(body.urgencyRequested),
    referrerName: str(body.referrerName),
    referrerContact: str(body.referrerContact),
    consentToReferral: consent === 'yes' ? true : consent === 'no' ? false : undefined,
    consentNote: str(body.consentNote),
  };
  const parsed = referralDetailsSchema.safeParse(candidate);
  if (!parsed.success) {
    fields.push(...fieldsFromZodIssues(parsed.error.issues));
    const orNull = (v: string) => (v.trim() === '' ? null : v.trim());
    fields.push(...referralRuleProblems({ ...candidate, sourceDetail: orNull(candidate.sourceDetail), consentNote: orNull(candidate.consentNote), receivedAt: receivedAt ? new Date(receivedAt) : null }, now, bornOn));
    return { ok: false, fields: dedupe(fields) };
  }
  const checked = checkReferralDetails(parsed.data, now, bornOn);
  if (!checked.ok) fields.push(...checked.fields);
  // With the date or time at fault the check ran against "now", so the form's own errors still count.
  if (fields.length || !checked.ok) return { ok: false, fields: dedupe(fields) };
  return { ok: true, details: checked.details };
}

export type ParsedGpPracticeFields = { ok: true; practice: { code: string; name: string } | null } | { ok: false; fields: FieldError[] };

/** The referral form's GP practice (asked when the patient has none): both, or neither. */
export function parseGpPracticeFields(body: FormValues): ParsedGpPracticeFields {
  const code = normaliseOdsPracticeCode(str(body.gpPracticeCode));
  const name = str(body.gpPracticeName).trim();
  if (name.length > 200) return { ok: false, fields: [{ path: 'gpPracticeName', message: 'The GP practice’s name must be 200 characters or fewer' }] };
  const problems = gpPracticeProblems({ code: code || null, name: name || null });
  if (problems.length) return { ok: false, fields: problems };
  return { ok: true, practice: code && name ? { code, name } : null };
}

export type ParsedTriageForm = { ok: true; triage: TriageDetailsInput } | { ok: false; fields: FieldError[] };

export function parseTriageForm(body: FormValues): ParsedTriageForm {
  const visitsText = str(body.visitsPerWeek).trim();
  const visits = visitsText === '' ? Number.NaN : Number(visitsText);
  const candidate = {
    complexity: str(body.complexity),
    complexityReason: str(body.complexityReason),
    priority: str(body.priority),
    skillsNeeded: list(body.skillsNeeded),
    notes: str(body.notes),
    visitsPerWeek: Number.isFinite(visits) ? visits : visitsText,
  };
  const parsed = triageDetailsSchema.safeParse(candidate);
  if (!parsed.success) {
    const fields = fieldsFromZodIssues(parsed.error.issues).map((f) =>
      f.path === 'visitsPerWeek' && visitsText === '' ? { ...f, message: 'Enter how many visits a week are planned, like 2' } : { ...f, path: f.path.split('.')[0]! },
    );
    return { ok: false, fields: dedupe(fields) };
  }
  return { ok: true, triage: parsed.data };
}

export type ParsedRejectForm = { ok: true; rejection: RejectDetailsInput } | { ok: false; fields: FieldError[] };

export function parseRejectForm(body: FormValues): ParsedRejectForm {
  const parsed = rejectDetailsSchema.safeParse({ reason: str(body.reason), detail: str(body.detail) });
  if (!parsed.success) return { ok: false, fields: dedupe(fieldsFromZodIssues(parsed.error.issues)) };
  const problems = checkRejection(parsed.data);
  if (problems.length) return { ok: false, fields: problems };
  return { ok: true, rejection: parsed.data };
}

/** Checkbox groups arrive as a string when one box is ticked; templates want lists. */
export function asFormValues(body: FormValues, listFields: readonly string[] = []): FormValues {
  const out: FormValues = { ...body };
  for (const name of listFields) out[name] = list(body[name]);
  return out;
}
