// Reading the risk register: risks (with their owner and team named), each risk's reviews and actions,
// the people who may own one. Nothing here names a patient.
import type { Kysely } from 'kysely';
import { riskRating, riskScore, type RiskRating } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import { riskOwnerRoles } from './risk-roles.ts';

export type Risk = {
  id: string; reference: string; version: number; title: string; description: string; cause: string; effect: string;
  teamId: string | null; teamName: string | null; ownerId: string; ownerName: string;
  controls: string; gapsInControls: string | null;
  likelihood: number; consequence: number; score: number; rating: RiskRating;
  targetLikelihood: number; targetConsequence: number; targetScore: number; targetRating: RiskRating;
  openedOn: string; reviewOn: string; status: 'open' | 'closed'; closedOn: string | null; closedReason: string | null;
};

export type RiskFilter = { id?: string; ownerId?: string; teamId?: string | 'service'; rating?: RiskRating; status?: 'open' | 'closed'; likelihood?: number; consequence?: number };

const ratingScores: Record<RiskRating, [number, number]> = { low: [1, 3], moderate: [4, 6], high: [8, 12], extreme: [15, 25] };

/** Risks, highest score first, then the earliest review. */
export async function listRisks(db: Kysely<Database>, f: RiskFilter = {}): Promise<Risk[]> {
  let q = db
    .selectFrom('risks as r')
    .innerJoin('staff as o', 'o.id', 'r.owner_id')
    .leftJoin('teams as t', 't.id', 'r.team_id')
    .selectAll('r')
    .select(['o.given_name as owner_given', 'o.family_name as owner_family', 't.name as team_name']);
  if (f.id) q = q.where('r.id', '=', f.id);
  if (f.ownerId) q = q.where('r.owner_id', '=', f.ownerId);
  if (f.teamId === 'service') q = q.where('r.team_id', 'is', null);
  else if (f.teamId) q = q.where('r.team_id', '=', f.teamId);
  if (f.status) q = q.where('r.status', '=', f.status);
  if (f.likelihood) q = q.where('r.likelihood', '=', f.likelihood);
  if (f.consequence) q = q.where('r.consequence', '=', f.consequence);
  if (f.rating) {
    const [lo, hi] = ratingScores[f.rating];
    q = q.where((eb) => eb(eb('r.likelihood', '*', eb.ref('r.consequence')), '>=', lo)).where((eb) => eb(eb('r.likelihood', '*', eb.ref('r.consequence')), '<=', hi));
  }
  const rows = await q.orderBy((eb) => eb('r.likelihood', '*', eb.ref('r.consequence')), 'desc').orderBy('r.review_on').orderBy('r.reference').execute();
  return rows.map((r) => {
    const score = riskScore(r.likelihood, r.consequence);
    const targetScore = riskScore(r.target_likelihood, r.target_consequence);
    return {
      id: r.id, reference: r.reference, version: r.version, title: r.title, description: r.description, cause: r.cause, effect: r.effect,
      teamId: r.team_id, teamName: r.team_name, ownerId: r.owner_id, ownerName: `${r.owner_given} ${r.owner_family}`,
      controls: r.controls, gapsInControls: r.gaps_in_controls,
      likelihood: r.likelihood, consequence: r.consequence, score, rating: riskRating(score),
      targetLikelihood: r.target_likelihood, targetConsequence: r.target_consequence, targetScore, targetRating: riskRating(targetScore),
      openedOn: r.opened_on, reviewOn: r.review_on, status: r.status, closedOn: r.closed_on, closedReason: r.closed_reason,
    };
  });
}

export async function findRisk(db: Kysely<Database>, id: string): Promise<Risk | undefined> {
  return (await listRisks(db, { id }))[0];
}

export type RiskReview = { id: string; riskId: string; reviewedOn: string; likelihood: number; consequence: number; score: number; rating: RiskRating; note: string; nextReviewOn: string; byName: string };

export async function listRiskReviews(db: Kysely<Database>, riskId: string): Promise<RiskReview[]> {
  const rows = await db.selectFrom('risk_reviews as v').innerJoin('staff as s', 's.id', 'v.created_by').selectAll('v').select(['s.given_name', 's.family_name'])
    .where('v.risk_id', '=', riskId).orderBy('v.reviewed_on', 'desc').orderBy('v.created_at', 'desc').execute();
  return rows.map((r) => {
    const score = riskScore(r.likelihood, r.consequence);
    return { id: r.id, riskId: r.risk_id, reviewedOn: r.reviewed_on, likelihood: r.likelihood, consequence: r.consequence, score, rating: riskRating(score), note: r.note, nextReviewOn: r.next_review_on, byName: `${r.given_name} ${r.family_name}` };
  });
}

export type RiskAction = { id: string; version: number; riskId: string; riskReference: string; riskTitle: string; action: string; ownerId: string; ownerName: string; dueOn: string; status: 'open' | 'done'; doneAt: Date | null };

export async function listRiskActions(db: Kysely<Database>, f: { id?: string; riskId?: string; ownerId?: string; openOnly?: boolean }): Promise<RiskAction[]> {
  let q = db.selectFrom('risk_actions as a').innerJoin('risks as r', 'r.id', 'a.risk_id').innerJoin('staff as s', 's.id', 'a.owner_id')
    .selectAll('a').select(['r.reference', 'r.title', 's.given_name', 's.family_name']);
  if (f.id) q = q.where('a.id', '=', f.id);
  if (f.riskId) q = q.where('a.risk_id', '=', f.riskId);
  if (f.ownerId) q = q.where('a.owner_id', '=', f.ownerId);
  if (f.openOnly) q = q.where('a.status', '=', 'open').where('r.status', '=', 'open');
  const rows = await q.orderBy('a.due_on').orderBy('a.created_at').execute();
  return rows.map((a) => ({ id: a.id, version: a.version, riskId: a.risk_id, riskReference: a.reference, riskTitle: a.title, action: a.action, ownerId: a.owner_id, ownerName: `${a.given_name} ${a.family_name}`, dueOn: a.due_on, status: a.status, doneAt: a.done_at }));
}

/** The people who may own a risk (clinical leads and service managers), and for an action, anyone clinical who is active. */
export async function listRiskStaff(db: Kysely<Database>, o: { owners: boolean }): Promise<Array<{ id: string; name: string; role: string; teamId: string | null }>> {
  let q = db.selectFrom('staff').select(['id', 'given_name', 'family_name', 'homeward_role', 'team_id']).where('active', '=', true);
  q = o.owners ? q.where('homeward_role', 'in', [...riskOwnerRoles]) : q.where('homeward_role', 'not in', ['administrator', 'privacy-officer']);
  const rows = await q.orderBy('family_name').orderBy('given_name').execute();
  return rows.map((r) => ({ id: r.id, name: `${r.given_name} ${r.family_name}`, role: r.homeward_role, teamId: r.team_id }));
}

export async function listTeams(db: Kysely<Database>): Promise<Array<{ id: string; name: string }>> {
  return db.selectFrom('teams').select(['id', 'name']).orderBy('name').execute();
}
