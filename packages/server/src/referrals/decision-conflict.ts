// Why a triage or rejection could not be recorded, in words that say what already happened.
import {
  rejectionReasonLabels,
  formatUkDateTime,
} from '@homeward/clinical';
import { HomewardError, versionConflict } from '../platform/homeward-error.ts';
import type { ReferralDecision } from './authorise-referral-decision.ts';
import type { ReferralResponse } from './referral-schema.ts';

export function decisionConflict(current: ReferralResponse, attempted: ReferralDecision): HomewardError {
  const when = current.decidedAt ? formatUkDateTime(current.decidedAt) : 'earlier';
  if (current.status === 'accepted') {
    return attempted === 'triage'
      ? new HomewardError('duplicate', `This referral was already triaged on ${when} and its episode of care is open. Nothing was changed.`, { current })
      : new HomewardError('version_conflict', `This referral was accepted at triage on ${when}, so it cannot be rejected. Nothing was changed.`, { current });
  }
  if (current.status === 'rejected') {
    const reason = current.rejectionReason ? ` (${rejectionReasonLabels[current.rejectionReason]})` : '';
    return new HomewardError('version_conflict', `This referral was already rejected on ${when}${reason}. Nothing was changed.`, { current });
  }
  return versionConflict(current);
}
