// The words of an episode review: which review it was and what was decided.

/** Reviews fall half-way through the planned length and at its end; any other is 'other' (e.g. after a fall). */
export const reviewKinds = ['half-way', 'end-of-episode', 'other'] as const;
export type ReviewKind = (typeof reviewKinds)[number];
export const reviewKindLabels: Record<ReviewKind, string> = {
  'half-way': 'Half-way review',
  'end-of-episode': 'End-of-episode review',
  other: 'Other review',
};

export const reviewDecisions = ['continue', 'extend', 'discharge'] as const;
export type ReviewDecision = (typeof reviewDecisions)[number];
export const reviewDecisionLabels: Record<ReviewDecision, string> = {
  continue: 'Continue as planned',
  extend: 'Extend the episode',
  discharge: 'Discharge',
};
