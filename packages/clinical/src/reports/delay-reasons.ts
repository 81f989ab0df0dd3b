// Why a patient ready for discharge (past the Discharge Ready Date) was not discharged that day. The
// reasons follow the groups NHS England's discharge data collections use (waiting for the next
// pathway's capacity, for an assessment, for equipment or adaptations, for a care home, the patient's
// or family's choice...); values are stable identifiers, labels are what staff read.
export const delayReasons = [
  'awaiting-pathway-1-capacity',
  'awaiting-pathway-2-bed',
  'awaiting-care-home',
  'awaiting-social-care-assessment',
  'awaiting-health-assessment',
  'awaiting-equipment-or-adaptations',
  'awaiting-housing',
  'patient-or-family-choice',
  'awaiting-transport',
  'awaiting-medicines',
  'safeguarding-or-legal',
  'patient-unwell',
  'other',
] as const;
export type DelayReason = (typeof delayReasons)[number];

export const delayReasonLabels: Record<DelayReason, string> = {
  'awaiting-pathway-1-capacity': 'Waiting for home care or reablement (pathway 1)',
  'awaiting-pathway-2-bed': 'Waiting for a rehabilitation or intermediate care bed (pathway 2)',
  'awaiting-care-home': 'Waiting for a care home place (pathway 3)',
  'awaiting-social-care-assessment': 'Waiting for a social care assessment',
  'awaiting-health-assessment': 'Waiting for a health or continuing healthcare assessment',
  'awaiting-equipment-or-adaptations': 'Waiting for equipment or home adaptations',
  'awaiting-housing': 'Waiting for housing',
  'patient-or-family-choice': 'Patient or family choice',
  'awaiting-transport': 'Waiting for transport',
  'awaiting-medicines': 'Waiting for medicines',
  'safeguarding-or-legal': 'Safeguarding, Mental Capacity Act or other legal process',
  'patient-unwell': 'Became unwell after being ready',
  other: 'Other',
};

export function isDelayReason(value: string): value is DelayReason {
  return (delayReasons as readonly string[]).includes(value);
}

/** Whole days a discharge came after the Discharge Ready Date (yyyy-mm-dd); 0 when on or before it. */
export function dischargeDelayDays(readyOn: string, dischargedOn: string): number {
  const days = Math.round((Date.parse(`${dischargedOn}T00:00:00Z`) - Date.parse(`${readyOn}T00:00:00Z`)) / 86_400_000);
  return Math.max(0, days);
}

/** A reason is asked for whenever the discharge came after the ready date; 'other' needs a note. */
export function delayReasonProblem(o: { readyOn: string | null; dischargedOn: string | null; reasons: readonly string[]; note: string | null }): string | null {
  for (const r of o.reasons) if (!isDelayReason(r)) return `${r} is not a delay reason`;
  if (o.reasons.includes('other') && !o.note?.trim()) return 'Say what the other reason for the delay was';
  return null;
}
