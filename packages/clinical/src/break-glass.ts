// Emergency ("break glass") access to a patient the user's team does not care for: time-limited and reasoned.

/** Four hours: long enough for a visit and its notes, short enough to need renewing the next day. */
export const breakGlassDurationMinutes = 240;

export const breakGlassOtherReason = 'Other (explain)';
export const breakGlassReasons = [
  'Urgent clinical need: patient not yet referred to my team',
  // A referral for a patient the team does not care for yet: the record opens to record it.
  'A referral for this patient has reached my team',
  'Covering another team',
  // The team cares for the patient, but what another team recorded beyond its summary is needed.
  'Another team’s record is needed for this patient’s care',
  'Safeguarding concern',
  breakGlassOtherReason,
] as const;
export type BreakGlassReason = (typeof breakGlassReasons)[number];

export const breakGlassDetailMinLength = 10;
export const breakGlassDetailMaxLength = 500;

export function isBreakGlassReason(reason: string): reason is BreakGlassReason {
  return (breakGlassReasons as readonly string[]).includes(reason);
}

/** The error message for the reason and explanation given, or null when they are acceptable. */
export function breakGlassReasonError(reason: string, detail: string): string | null {
  if (!isBreakGlassReason(reason.trim())) return 'Select why you need to see this record';
  const explained = detail.trim();
  if (explained.length > breakGlassDetailMaxLength) {
    return `Explanation must be ${breakGlassDetailMaxLength} characters or fewer`;
  }
  if (reason.trim() === breakGlassOtherReason) {
    if (explained === '') return 'Explain why you need to see this record';
    if (explained.length < breakGlassDetailMinLength) {
      return `Explanation must be ${breakGlassDetailMinLength} characters or more`;
    }
  }
  return null;
}

/** When access granted at `start` ends. */
export function breakGlassExpiresAt(start: Date): Date {
  return new Date(start.getTime() + breakGlassDurationMinutes * 60_000);
}
