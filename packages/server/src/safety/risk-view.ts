// How a risk reads on the pages and in the CSV: its band as a coloured tag with the word, its review date
// red with "Overdue" once passed, its team in words.
import { dueStatusOf, dueStatusTags, riskConsequenceLabels, riskLikelihoodLabels, riskRatingColours, riskRatingLabels, type RiskRating } from '@homeward/clinical';
import type { Risk } from './risk-queries.ts';
import { riskSoonDays } from './risk-due-items.ts';

export const ratingTag = (rating: RiskRating, score: number) => ({ colour: riskRatingColours[rating], text: `${riskRatingLabels[rating]} ${score}` });

export function riskView(r: Risk, today: string) {
  const review = dueStatusOf({ dueOn: r.reviewOn, today, soonDays: riskSoonDays });
  return {
    ...r,
    tag: ratingTag(r.rating, r.score),
    targetTag: ratingTag(r.targetRating, r.targetScore),
    scoreWords: `${riskLikelihoodLabels[r.likelihood - 1]} (${r.likelihood}) x ${riskConsequenceLabels[r.consequence - 1]} (${r.consequence})`,
    targetWords: `${riskLikelihoodLabels[r.targetLikelihood - 1]} (${r.targetLikelihood}) x ${riskConsequenceLabels[r.targetConsequence - 1]} (${r.targetConsequence})`,
    team: r.teamName ?? 'Whole service',
    reviewTag: r.status === 'closed' ? { colour: 'grey', text: 'Closed' } : dueStatusTags[review],
    reviewOverdue: r.status === 'open' && review === 'overdue',
  };
}

export const riskCsvColumns = ['Reference', 'Title', 'Team', 'Owner', 'Status', 'Cause', 'Effect', 'Controls', 'Gaps in controls', 'Likelihood', 'Consequence', 'Score', 'Rating', 'Target score', 'Target rating', 'Opened', 'Review by', 'Closed', 'Closed because'];

export function riskCsvRow(r: Risk): Array<string | number | null> {
  return [r.reference, r.title, r.teamName ?? 'Whole service', r.ownerName, r.status, r.cause, r.effect, r.controls, r.gapsInControls, r.likelihood, r.consequence, r.score, riskRatingLabels[r.rating], r.targetScore, riskRatingLabels[r.targetRating], r.openedOn, r.reviewOn, r.closedOn, r.closedReason];
}
