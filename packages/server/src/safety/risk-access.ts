// Who may see and run the risk register (issue 17 #3). The register names no patients, so every
// clinical member of staff sees it and may add a risk; changing, reviewing, adding actions to and closing
// a risk is for its owner, a clinical lead (of the risk's team, or any for a service-wide risk) and the
// service manager. Administrators and privacy officers are refused. Every refusal is audited.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { auditAs, requireClinicalActor, type Actor } from '../platform/actor.ts';
import { HomewardError } from '../platform/homeward-error.ts';
import type { Risk, RiskAction } from './risk-queries.ts';

export const riskRecordKind = 'risk';

export type RiskRegisterAccess = { actor: Actor };
/** Leave to change one risk: the actor is its owner, a clinical lead of its team or the service manager. */
export type RiskChangeAccess = RiskRegisterAccess & { risk: Risk; readonly mayChange: true };

/** The register: every clinical role. */
export async function authoriseRiskRegister(db: Kysely<Database>, o: { actor: Actor }): Promise<RiskRegisterAccess> {
  await requireClinicalActor(db, o.actor);
  return { actor: o.actor };
}

/** The page's rule for offering the change, review, action and close forms (the route asks the same). */
export function mayChangeRisk(actor: Actor, risk: Pick<Risk, 'ownerId' | 'teamId'>): boolean {
  const me = actor.staff;
  if (me.staffId === risk.ownerId) return true;
  if (me.role === 'service-manager') return true;
  return me.role === 'clinical-lead' && (risk.teamId === null || risk.teamId === me.teamId);
}

/** Changing one risk; anyone else is refused (403, audited with the risk). */
export async function authoriseRiskChange(db: Kysely<Database>, o: { actor: Actor; risk: Risk }): Promise<RiskChangeAccess> {
  await requireClinicalActor(db, o.actor);
  if (!mayChangeRisk(o.actor, o.risk)) {
    await auditAs(o.actor, db, { action: 'write', outcome: 'refused', recordKind: riskRecordKind, recordId: o.risk.id, detail: { route: o.actor.origin.via, rule: 'not-owner-lead-or-manager' } });
    throw new HomewardError('forbidden', 'Only the risk’s owner, a clinical lead of its team or the service manager can change this risk');
  }
  return { actor: o.actor, risk: o.risk, mayChange: true };
}

/** Leave to mark one action done: its owner, or someone who may change its risk. */
export type RiskActionAccess = { actor: Actor; action: RiskAction; readonly mayComplete: true };

export function mayCompleteRiskAction(actor: Actor, action: Pick<RiskAction, 'ownerId'>, risk: Pick<Risk, 'ownerId' | 'teamId'>): boolean {
  return action.ownerId === actor.staff.staffId || mayChangeRisk(actor, risk);
}

export async function authoriseRiskActionDone(db: Kysely<Database>, o: { actor: Actor; action: RiskAction; risk: Risk }): Promise<RiskActionAccess> {
  await requireClinicalActor(db, o.actor);
  if (!mayCompleteRiskAction(o.actor, o.action, o.risk)) {
    await auditAs(o.actor, db, { action: 'write', outcome: 'refused', recordKind: riskRecordKind, recordId: o.risk.id, detail: { route: o.actor.origin.via, rule: 'not-action-owner-lead-or-manager', actionId: o.action.id } });
    throw new HomewardError('forbidden', 'Only the action’s owner, the risk’s owner, a clinical lead of its team or the service manager can mark this action done');
  }
  return { actor: o.actor, action: o.action, mayComplete: true };
}
