// The seam every read and write of a CPD log goes through. A CPD log is personal staff data: its owner,
// their supervisor, their team's clinical lead and service manager (packages/clinical's decideCpdRead).
// A refusal is audited with its rule; a read of someone else's log is audited (whose, and on what basis).
import type { Kysely } from 'kysely';
import { decideCpdRead, mayWriteCpd, ukDateOf, type CpdReadBasis } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';
import { auditAs, type Actor } from '../platform/actor.ts';
import { HomewardError, notFound } from '../platform/homeward-error.ts';
import { findCpdOwner, supervisesNow, type CpdOwner } from './cpd-queries.ts';

export const cpdRecordKind = 'cpd-log';

/** What authorisation hands on: only this module makes one, so a read or write cannot skip the decision. */
export type CpdAccess = { readonly actor: Actor; readonly owner: CpdOwner; readonly basis: CpdReadBasis; readonly writes: boolean };

async function refuse(db: Kysely<Database>, actor: Actor, owner: CpdOwner, rule: string, message: string): Promise<never> {
  await auditAs(actor, db, { action: 'read', outcome: 'refused', recordKind: cpdRecordKind, recordId: owner.staffId, detail: { rule, staffId: owner.staffId, method: actor.origin.method, route: actor.origin.via } });
  throw new HomewardError('forbidden', message);
}

export async function loadCpdOwner(db: Kysely<Database>, staffId: string): Promise<CpdOwner> {
  const owner = await findCpdOwner(db, staffId);
  if (!owner) throw notFound('Staff member');
  return owner;
}

export type AuthoriseCpdOptions = { actor: Actor; owner: CpdOwner };

/** Reading a log (its entries, its profile). Audited when it is someone else's, before anything is shown. */
export async function authoriseCpdRead(db: Kysely<Database>, o: AuthoriseCpdOptions): Promise<CpdAccess> {
  const reader = o.actor.staff;
  const readerSupervisesOwner = reader.staffId !== o.owner.staffId && (await supervisesNow(db, { supervisorId: reader.staffId, superviseeId: o.owner.staffId, today: ukDateOf(o.actor.now) }));
  const decision = decideCpdRead({ reader, owner: { staffId: o.owner.staffId, teamId: o.owner.teamId, name: o.owner.name }, readerSupervisesOwner });
  if (!decision.allowed) return refuse(db, o.actor, o.owner, decision.rule, decision.message);
  return { actor: o.actor, owner: o.owner, basis: decision.basis, writes: false };
}

/** Writing: the owner's own log only. */
export async function authoriseCpdWrite(db: Kysely<Database>, o: AuthoriseCpdOptions): Promise<CpdAccess> {
  if (!mayWriteCpd({ writerStaffId: o.actor.staff.staffId, ownerStaffId: o.owner.staffId })) {
    return refuse(db, o.actor, o.owner, 'not-own-log', 'A CPD log is its owner’s own account of their learning: only they add to it or change it');
  }
  return { actor: o.actor, owner: o.owner, basis: 'own', writes: true };
}

export type AuditCpdReadOptions = { what: 'log' | 'entry' | 'profile'; recordId?: string };

/** Records a read of another person's CPD (their own needs no trail). Committed before the data is sent. */
export async function auditCpdRead(db: Kysely<Database>, access: CpdAccess, o: AuditCpdReadOptions): Promise<void> {
  if (access.basis === 'own') return;
  await auditAs(access.actor, db, {
    action: o.what === 'profile' ? 'export' : 'read',
    outcome: 'allowed',
    recordKind: cpdRecordKind,
    recordId: o.recordId ?? access.owner.staffId,
    detail: { staffId: access.owner.staffId, basis: access.basis, what: o.what },
  });
}
