// Who may see and change the rota. Every clinical member of a team sees its week (who is in, who is on
// call); the clinical lead and the service manager of the team change it. Anyone else is refused with
// a 403, audited as staff administration (the rota is staff data, not a patient's).
import type { Kysely } from 'kysely';
import { isClinicalRole, type HomewardRole } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import { HomewardError } from '../platform/homeward-error.ts';
import { auditAs, type ActingStaff, type Actor } from '../platform/actor.ts';

/** The roles that keep a team's rota. */
export const rotaEditorRoles: readonly HomewardRole[] = ['clinical-lead', 'service-manager'];

export const mayEditRota = (role: HomewardRole): boolean => rotaEditorRoles.includes(role);

/** The acting member of staff, known to have a team. */
export type RotaActor = ActingStaff & { teamId: string };

export type AuthoriseRotaOptions = {
  actor: Actor;
  /** The team whose rota it is (the person's team, when one is named); the actor's own when left out. */
  teamId?: string | null;
  /** What is being looked at or changed, for the refusal's audit. */
  recordKind?: string;
  staffId?: string;
};

async function refuse(db: Kysely<Database>, o: AuthoriseRotaOptions, rule: string, message: string): Promise<never> {
  const { actor } = o;
  await auditAs(actor, db, {
    action: 'staff-admin',
    outcome: 'refused',
    recordKind: o.recordKind ?? 'rota',
    detail: { rule, method: actor.origin.method, route: actor.origin.via, ...(o.staffId ? { staffId: o.staffId } : {}) },
  });
  throw new HomewardError('forbidden', message);
}

/** Seeing the team's rota: any clinical member of that team. */
export async function authoriseRotaView(db: Kysely<Database>, o: AuthoriseRotaOptions): Promise<RotaActor> {
  const staff = o.actor.staff;
  if (!isClinicalRole(staff.role) || !staff.teamId) return refuse(db, o, 'role-not-clinical', 'Only clinical staff of a team can see its rota');
  if (o.teamId !== undefined && o.teamId !== staff.teamId) return refuse(db, o, 'other-team', 'You can see the rota of your own team only');
  return { ...staff, teamId: staff.teamId };
}

/** Changing the team's rota: its clinical lead or service manager. */
export async function authoriseRotaEdit(db: Kysely<Database>, o: AuthoriseRotaOptions): Promise<RotaActor> {
  const staff = o.actor.staff;
  if (!mayEditRota(staff.role) || !staff.teamId) {
    return refuse(db, o, 'role-does-not-keep-rota', 'Only the clinical lead or the service manager can change the rota. Ask your clinical lead');
  }
  if (o.teamId !== undefined && o.teamId !== staff.teamId) return refuse(db, o, 'other-team', 'You can change the rota of your own team only');
  return { ...staff, teamId: staff.teamId };
}
