// The NHS 5x5 risk matrix (NPSA, "A risk matrix for risk managers", 2008): a risk's score is its
// likelihood times its consequence, each 1-5; the score's band decides how it is managed.

export const riskLikelihoodLabels = ['Rare', 'Unlikely', 'Possible', 'Likely', 'Almost certain'] as const;
export const riskConsequenceLabels = ['Negligible', 'Minor', 'Moderate', 'Major', 'Catastrophic'] as const;

export type RiskRating = 'low' | 'moderate' | 'high' | 'extreme';
export const riskRatingLabels: Record<RiskRating, string> = { low: 'Low', moderate: 'Moderate', high: 'High', extreme: 'Extreme' };
/** The colour of each band on the heat map and in tags (NHS.UK tag colours). */
export const riskRatingColours: Record<RiskRating, 'green' | 'yellow' | 'orange' | 'red'> = { low: 'green', moderate: 'yellow', high: 'orange', extreme: 'red' };

/** Likelihood x consequence; both must be whole numbers 1-5. */
export function riskScore(likelihood: number, consequence: number): number {
  for (const [name, value] of [['likelihood', likelihood], ['consequence', consequence]] as const) {
    if (!Number.isInteger(value) || value < 1 || value > 5) throw new RangeError(`${name} must be a whole number from 1 to 5, not ${value}`);
  }
  return likelihood * consequence;
}

/** The band of a score: 1-3 low, 4-6 moderate, 8-12 high, 15-25 extreme. */
export function riskRating(score: number): RiskRating {
  if (score <= 3) return 'low';
  if (score <= 6) return 'moderate';
  if (score <= 12) return 'high';
  return 'extreme';
}
