// The referral rules that go beyond structure, shared by the API and the intake page.
import type { ReferralSource, Service, Setting, Urgency } from '@homeward/clinical';
import type { FieldError } from '../platform/homeward-error.ts';
import type { ReferralDetailsInput } from './referral-schema.ts';

export type ReferralDetails = {
  source: ReferralSource;
  sourceDetail: string | null;
  receivedAt: Date;
  service: Service;
  setting: Setting;
  reason: string;
  presentingNeeds: string | null;
  urgencyRequested: Urgency;
  referrerName: string;
  referrerContact: string;
  consentToReferral: boolean;
  consentNote: string | null;
};

export type CheckedReferral = { ok: true; details: ReferralDetails } | { ok: false; fields: FieldError[] };

// A referral typed in as it arrives may say "now" to the minute while the server's clock has moved on
// a few seconds; anything later than this is a mistake.
const futureToleranceMs = 60_000;

export type CrossFieldFacts = { source: string; sourceDetail: string | null; receivedAt: Date | null; consentToReferral: boolean | undefined; consentNote: string | null };

/** Rules across fields and against the clock; the form reports them alongside any structural problems. */
export function referralRuleProblems(facts: CrossFieldFacts, now: Date): FieldError[] {
  const fields: FieldError[] = [];
  if (facts.receivedAt && facts.receivedAt.getTime() > now.getTime() + futureToleranceMs) {
    fields.push({ path: 'receivedAt', message: 'The date and time the referral was received must be now or in the past' });
  }
  if (facts.source === 'other-team' && !facts.sourceDetail) {
    fields.push({ path: 'sourceDetail', message: 'Enter which team the referral came from' });
  }
  if (facts.consentToReferral === false && !facts.consentNote) {
    fields.push({ path: 'consentNote', message: 'Enter why the referral is made without the patient’s consent, for example a best interests decision' });
  }
  return fields;
}

export function checkReferralDetails(input: ReferralDetailsInput, now: Date): CheckedReferral {
  const receivedAt = input.receivedAt ? new Date(input.receivedAt) : now;
  const fields = referralRuleProblems({ ...input, receivedAt }, now);
  if (fields.length) return { ok: false, fields };
  return {
    ok: true,
    details: {
      source: input.source,
      // Required for another team; for other sources it may still name the ward or practice.
      sourceDetail: input.sourceDetail,
      receivedAt,
      service: input.service,
      setting: input.setting,
      reason: input.reason,
      presentingNeeds: input.presentingNeeds,
      urgencyRequested: input.urgencyRequested,
      referrerName: input.referrerName,
      referrerContact: input.referrerContact,
      consentToReferral: input.consentToReferral,
      consentNote: input.consentNote,
    },
  };
}
