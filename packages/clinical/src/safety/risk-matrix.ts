// The NHS 5x5 risk matrix (NPSA, "A risk matrix for risk managers", 2008): a risk's score is its
// likelihood times its consequence, each 1-5; the score's band decides how it is managed.

export const riskLikelihoodLabels = ['Rare', 'Unlikely', 'Possible', 'Likely', 'Almost certain'] as const;
export const riskConsequenceLabels = ['Negligible', 'Minor', 'Moderate', 'Major', 'Catastrophic'] as const;

export const riskRatings = ['low', 'moderate', 'high', 'extreme'] as const;
export type RiskRating = (typeof riskRatings)[number];
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

/** What each likelihood means, as the NPSA matrix words it (shown beside each radio on the form). */
export const riskLikelihoodDescriptors = [
  'This will probably never happen or recur',
  'Not expected to happen or recur, but it is possible',
  'Might happen or recur occasionally',
  'Will probably happen or recur, but it is not a persisting issue',
  'Will undoubtedly happen or recur, possibly frequently',
] as const;

/** What each consequence means for the safety of patients, staff or the public (NPSA's first domain). */
export const riskConsequenceDescriptors = [
  'Minimal injury needing no or minimal treatment; no time off work',
  'Minor injury or illness needing minor treatment; up to 3 days off work',
  'Moderate injury needing professional treatment; 4 to 14 days off work',
  'Major injury leading to long-term incapacity or disability',
  'Death, or permanent incapacity, of one or more people',
] as const;

/** Why a target score cannot be set, in words for the form; null when it can (at most the current score). */
export function riskTargetProblem(o: { likelihood: number; consequence: number; targetLikelihood: number; targetConsequence: number }): string | null {
  const current = riskScore(o.likelihood, o.consequence);
  const target = riskScore(o.targetLikelihood, o.targetConsequence);
  return target > current ? `The target score (${target}) must not be higher than the current score (${current})` : null;
}

export type RiskHeatMapCell = { likelihood: number; consequence: number; score: number; rating: RiskRating; colour: (typeof riskRatingColours)[RiskRating]; count: number };
export type RiskHeatMapRow = { likelihood: number; label: string; cells: RiskHeatMapCell[] };

/**
 * The 5x5 heat map of a register: one row per likelihood, most likely at the top (as the matrix is
 * printed), one cell per consequence from negligible to catastrophic, each with how many risks sit there.
 */
export function riskHeatMap(risks: ReadonlyArray<{ likelihood: number; consequence: number }>): RiskHeatMapRow[] {
  const counts = new Map<string, number>();
  for (const r of risks) {
    riskScore(r.likelihood, r.consequence);
    const key = `${r.likelihood}x${r.consequence}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [5, 4, 3, 2, 1].map((likelihood) => ({
    likelihood,
    label: riskLikelihoodLabels[likelihood - 1]!,
    cells: [1, 2, 3, 4, 5].map((consequence) => {
      const score = likelihood * consequence;
      const rating = riskRating(score);
      return { likelihood, consequence, score, rating, colour: riskRatingColours[rating], count: counts.get(`${likelihood}x${consequence}`) ?? 0 };
    }),
  }));
}
