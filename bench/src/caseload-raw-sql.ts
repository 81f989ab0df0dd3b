// The caseload and the waiting list written out by hand: the same SELECT that listCaseload builds
// with Kysely (same columns, joins, filter and order), so the benchmark can show what the database
// alone costs. The priority score and the row shaping are the API's work, not the database's.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../packages/server/src/db/schema.ts';

export type CaseloadListKind = 'clinician-caseload' | 'waiting-list';
export type CaseloadSample = { kind: CaseloadListKind; staffId: string | null; teamId: string; path: string };

const columns = sql`
  e.id, e.version, e.service, e.priority, e.complexity, e.status, e.hold_reason, e.response_due_at,
  e.first_contact_at, e.last_contact_at, e.next_contact_at, e.review_due_on, e.visits_per_week, e.travel_minutes,
  e.allocated_to, p.id as patient_id, p.nhs_number, p.given_name, p.family_name, p.risk_flags, p.lives_alone,
  s.given_name as holder_given_name, s.family_name as holder_family_name`;

export function rawCaseloadQuery(sample: CaseloadSample) {
  const scope =
    sample.kind === 'clinician-caseload'
      ? sql`e.allocated_to = ${sample.staffId}`
      : sql`e.team_id = ${sample.teamId} and e.allocated_to is null`;
  return sql<Record<string, unknown>>`
    select ${columns}
    from episodes e
    join patients p on p.id = e.patient_id
    left join staff s on s.id = e.allocated_to
    where e.status <> 'discharged' and ${scope}
    order by e.response_due_at, e.id`;
}

export async function rawCaseload(db: Kysely<Database>, sample: CaseloadSample): Promise<number> {
  const result = await rawCaseloadQuery(sample).execute(db);
  return result.rows.length;
}
