// The referral rules that go beyond structure, shared by the API and the intake page.
import { clinicalDateProblem, type ReferralSource, type Service, type Setting, type Urgency } from '@homeward/clinical';
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

export type CrossFieldFacts = { source: string; sourceDetail: string | null; receivedAt: Date | null; consentToReferral: boolean | undefined; consentNote: string | null };

/**
 * Rules across fields and against the clock; the form reports them alongside any structural problems.
 * A referral is received between the patient's birth (`bornOn`, yyyy-mm-dd) and now, give or take the
 * minute a clock may be ahead (clinicalDateProblem).
 */
export function referralRuleProblems(facts: CrossFieldFacts, now: Date, bornOn: string): FieldError[] {
  const fields: FieldError[] = [];
  const received = facts.receivedAt ? clinicalDateProblem('referral-received', facts.receivedAt, { now, bornOn }) : null;
  if (received) fields.push({ path: 'receivedAt', message: received });
  if (facts.source === 'other-team' && !facts.sourceDetail) {
    fields.push({ path: 'sourceDetail', message: 'Enter which team the referral came from' });
  }
  if (facts.consentToReferral === false && !facts.consentNote) {
    fields.push({ path: 'consentNote', message: 'Enter why the referral is made without the patient’s consent, for example a best interests decision' });
  }
  return fields;
}

export function checkReferralDetails(input: ReferralDetailsInput, now: Date, bornOn: string): CheckedReferral {
  const receivedAt = input.receivedAt ? new Date(input.receivedAt) : now;
  const fields = referralRuleProblems({ ...input, receivedAt }, now, bornOn);
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
