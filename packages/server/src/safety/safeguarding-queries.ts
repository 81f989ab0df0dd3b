// Reading safeguarding concerns, their notes, the people named and the designated leads, in the shapes
// the pages and the API show. Reads only: who may see a concern is decided by safeguarding-access.ts
// before any of these is called, and no other context reads these tables (the banner flag aside, which
// says only that one is open).
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { ukDateOf, type ConsentToShare, type SafeguardingCategory, type SafeguardingDecision, type SafeguardingKind } from '@homeward/clinical';
import type { Database } from '../db/schema.ts';

export type SafeguardingConcern = {
  id: string;
  version: number;
  reference: string;
  patient: { id: string; nhsNumber: string; givenName: string; familyName: string };
  episodeId: string | null;
  teamId: string | null;
  kind: SafeguardingKind;
  categories: SafeguardingCategory[];
  personAtRisk: 'patient' | 'other';
  otherPerson: string | null;
  concern: string;
  immediateDanger: boolean;
  immediateActions: string;
  consentToShare: ConsentToShare;
  shareWithoutConsentReason: string | null;
  raisedAt: Date;
  raisedBy: { id: string; name: string };
  decisionDueAt: Date;
  decision: SafeguardingDecision | null;
  decisionReason: string | null;
  decidedAt: Date | null;
  decidedBy: { id: string; name: string } | null;
  localAuthorityReference: string | null;
  localAuthorityReferredOn: string | null;
  status: 'open' | 'decided' | 'closed';
  closedAt: Date | null;
};

export type SafeguardingNote = { id: string; note: string; createdAt: Date; createdBy: { id: string; name: string } };
export type NamedPerson = { id: string; version: number; staffId: string; name: string; role: string; namedAt: Date };
export type Designation = { id: string; version: number; staffId: string; name: string; role: string; startsOn: string; endsOn: string | null };

const categoriesOf = (v: unknown): SafeguardingCategory[] => (typeof v === 'string' ? JSON.parse(v) : v) as SafeguardingCategory[];

function concernsQuery(db: Kysely<Database>) {
  return db
    .selectFrom('safeguarding_concerns as c')
    .innerJoin('patients as p', 'p.id', 'c.patient_id')
    .innerJoin('staff as r', 'r.id', 'c.raised_by')
    .leftJoin('staff as d', 'd.id', 'c.decided_by')
    .select([
      'c.id', 'c.version', 'c.reference', 'c.patient_id', 'p.nhs_number', 'p.given_name', 'p.family_name', 'c.episode_id', 'c.team_id', 'c.kind', 'c.categories',
      'c.person_at_risk', 'c.other_person', 'c.concern', 'c.immediate_danger', 'c.immediate_actions', 'c.consent_to_share', 'c.share_without_consent_reason',
      'c.raised_at', 'c.raised_by', 'r.given_name as raiser_given', 'r.family_name as raiser_family', 'c.decision_due_at', 'c.decision', 'c.decision_reason',
      'c.decided_at', 'c.decided_by', 'd.given_name as decider_given', 'd.family_name as decider_family', 'c.local_authority_reference', 'c.local_authority_referred_on',
      'c.status', 'c.closed_at',
    ]);
}

type ConcernRow = Awaited<ReturnType<ReturnType<typeof concernsQuery>['execute']>>[number];

function toConcern(r: ConcernRow): SafeguardingConcern {
  return {
    id: r.id, version: r.version, reference: r.reference,
    patient: { id: r.patient_id, nhsNumber: r.nhs_number, givenName: r.given_name, familyName: r.family_name },
    episodeId: r.episode_id, teamId: r.team_id, kind: r.kind, categories: categoriesOf(r.categories), personAtRisk: r.person_at_risk, otherPerson: r.other_person,
    concern: r.concern, immediateDanger: r.immediate_danger, immediateActions: r.immediate_actions, consentToShare: r.consent_to_share, shareWithoutConsentReason: r.share_without_consent_reason,
    raisedAt: new Date(r.raised_at), raisedBy: { id: r.raised_by, name: `${r.raiser_given} ${r.raiser_family}` }, decisionDueAt: new Date(r.decision_due_at),
    decision: r.decision, decisionReason: r.decision_reason, decidedAt: r.decided_at ? new Date(r.decided_at) : null,
    decidedBy: r.decided_by ? { id: r.decided_by, name: `${r.decider_given} ${r.decider_family}` } : null,
    localAuthorityReference: r.local_authority_reference, localAuthorityReferredOn: r.local_authority_referred_on ? dayOf(r.local_authority_referred_on) : null,
    status: r.status, closedAt: r.closed_at ? new Date(r.closed_at) : null,
  };
}

const dayOf = (v: string | Date) => (typeof v === 'string' ? v.slice(0, 10) : ukDateOf(v));

export async function findConcern(db: Kysely<Database>, id: string): Promise<SafeguardingConcern | undefined> {
  const row = await concernsQuery(db).where('c.id', '=', id).executeTakeFirst();
  return row ? toConcern(row) : undefined;
}

/**
 * The concerns one person may see: every one for a safeguarding lead; otherwise those they raised or
 * were named on. Open ones (not closed) by their decision clock, the soonest due first; closed ones after.
 */
export async function listConcernsFor(db: Kysely<Database>, o: { staffId: string; isLead: boolean; include: 'open' | 'all' }): Promise<SafeguardingConcern[]> {
  let q = concernsQuery(db);
  if (!o.isLead) {
    q = q.where((eb) => eb.or([
      eb('c.raised_by', '=', o.staffId),
      eb.exists(eb.selectFrom('safeguarding_concern_people as n').select('n.id').whereRef('n.concern_id', '=', 'c.id').where('n.staff_id', '=', o.staffId).where('n.removed_at', 'is', null)),
    ]));
  }
  if (o.include === 'open') q = q.where('c.status', '<>', 'closed');
  const rows = await q.orderBy(sql`case when c.status = 'closed' then 1 else 0 end`).orderBy(sql`case when c.decision is null then 0 else 1 end`).orderBy('c.decision_due_at').orderBy('c.id').execute();
  return rows.map(toConcern);
}

export async function listConcernNotes(db: Kysely<Database>, concernId: string): Promise<SafeguardingNote[]> {
  const rows = await db.selectFrom('safeguarding_concern_notes as n').innerJoin('staff as s', 's.id', 'n.created_by')
    .select(['n.id', 'n.note', 'n.created_at', 'n.created_by', 's.given_name', 's.family_name']).where('n.concern_id', '=', concernId).orderBy('n.created_at').orderBy('n.id').execute();
  return rows.map((r) => ({ id: r.id, note: r.note, createdAt: new Date(r.created_at), createdBy: { id: r.created_by, name: `${r.given_name} ${r.family_name}` } }));
}

/** The people a lead named to see this concern, still named. */
export async function listNamedPeople(db: Kysely<Database>, concernId: string): Promise<NamedPerson[]> {
  const rows = await db.selectFrom('safeguarding_concern_people as n').innerJoin('staff as s', 's.id', 'n.staff_id')
    .select(['n.id', 'n.version', 'n.staff_id', 'n.created_at', 's.given_name', 's.family_name', 's.homeward_role']).where('n.concern_id', '=', concernId).where('n.removed_at', 'is', null).orderBy('n.created_at').execute();
  return rows.map((r) => ({ id: r.id, version: r.version, staffId: r.staff_id, name: `${r.given_name} ${r.family_name}`, role: r.homeward_role, namedAt: new Date(r.created_at) }));
}

/** Whether the person is a safeguarding lead today: a designation started and not ended (ends_on is the day it ended: from that day they are not). */
export async function isSafeguardingLead(db: Kysely<Database>, o: { staffId: string; today: string }): Promise<boolean> {
  const row = await db.selectFrom('safety_designations').innerJoin('staff', 'staff.id', 'safety_designations.staff_id').select('safety_designations.id')
    .where('staff_id', '=', o.staffId).where('designation', '=', 'safeguarding-lead').where('starts_on', '<=', o.today)
    .where((eb) => eb.or([eb('ends_on', 'is', null), eb('ends_on', '>', o.today)])).where('staff.active', '=', true).executeTakeFirst();
  return !!row;
}

/** The safeguarding leads' designations: current ones (and, with `ended`, those that have ended too). */
export async function listDesignations(db: Kysely<Database>, o: { today: string; ended?: boolean }): Promise<Designation[]> {
  let q = db.selectFrom('safety_designations as d').innerJoin('staff as s', 's.id', 'd.staff_id')
    .select(['d.id', 'd.version', 'd.staff_id', 'd.starts_on', 'd.ends_on', 's.given_name', 's.family_name', 's.homeward_role']).where('d.designation', '=', 'safeguarding-lead');
  if (!o.ended) q = q.where((eb) => eb.or([eb('d.ends_on', 'is', null), eb('d.ends_on', '>', o.today)]));
  const rows = await q.orderBy('s.family_name').orderBy('s.given_name').orderBy('d.starts_on').execute();
  return rows.map((r) => ({ id: r.id, version: r.version, staffId: r.staff_id, name: `${r.given_name} ${r.family_name}`, role: r.homeward_role, startsOn: dayOf(r.starts_on), endsOn: r.ends_on ? dayOf(r.ends_on) : null }));
}

/** Staff who may be named on a concern or designated a lead: active clinicians (never the administrator or privacy officer, who see no records). */
export async function listClinicalStaff(db: Kysely<Database>, o: { roles: readonly string[] }): Promise<Array<{ id: string; name: string; role: string; teamId: string | null }>> {
  const rows = await db.selectFrom('staff').select(['id', 'given_name', 'family_name', 'homeward_role', 'team_id']).where('active', '=', true).where('homeward_role', 'in', [...o.roles]).orderBy('family_name').orderBy('given_name').execute();
  return rows.map((r) => ({ id: r.id, name: `${r.given_name} ${r.family_name}`, role: r.homeward_role, teamId: r.team_id }));
}
