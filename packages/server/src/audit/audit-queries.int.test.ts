// What grows with time stays fast: the privacy officer's views read an index range and stop at the
// page size, however big the audit. Proved by the plans PostgreSQL chooses over 60,000 events (not
// by timing anything): each list is an index scan, and nothing reads the whole audit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type Compilable } from 'kysely';
import { patientAccessQuery, refusalsQuery } from '../audit/audit-queries.ts';
import { bootTestApp, type TestApp } from '../../test/test-app.ts';
import { testEngine } from '../../test/test-database.ts';

const patients = 2_000;
const events = 60_000;
const patientId = (n: number) => `01900000-0000-7000-8000-${String(n).padStart(12, '0')}`;

/** EXPLAIN of the query exactly as the app sends it, parameters and all. */
async function plan(t: TestApp, query: Compilable): Promise<string> {
  const compiled = query.compile();
  const explained = await t.db.executeQuery<{ 'QUERY PLAN': string }>({ ...compiled, sql: `explain ${compiled.sql}` });
  return explained.rows.map((r) => r['QUERY PLAN']).join('\n');
}

describe.skipIf(testEngine !== 'postgres')('the privacy officer’s audit views on a large audit (PostgreSQL plans)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await bootTestApp({ seed: false });
    // Two years of events: reads about 2,000 patients, one in ten a search returning three of
    // them, one in twenty a refusal.
    await sql`
      insert into audit_events (id, occurred_at, staff_id, staff_role, action, outcome, patient_id, record_kind, detail)
      select gen_random_uuid(),
        now() - ((g % 730) * interval '1 day') - (g * interval '1 second'),
        null, 'registered-therapist',
        case when g % 10 = 0 then 'search' else 'read' end,
        case when g % 20 = 1 then 'refused' else 'allowed' end,
        case when g % 10 = 0 then null else ('01900000-0000-7000-8000-' || lpad((g % ${patients})::text, 12, '0'))::uuid end,
        case when g % 10 = 0 then 'patient-index' else 'patient' end,
        case when g % 10 = 0
          then jsonb_build_object('by', 'name', 'results', 3, 'patientIds', jsonb_build_array(
            '01900000-0000-7000-8000-' || lpad(((g * 7) % ${patients})::text, 12, '0'),
            '01900000-0000-7000-8000-' || lpad(((g * 7 + 1) % ${patients})::text, 12, '0'),
            '01900000-0000-7000-8000-' || lpad(((g * 7 + 2) % ${patients})::text, 12, '0')))
          else jsonb_build_object('basis', 'relationship') end
      from generate_series(1, ${events}) g
    `.execute(t.db);
    await sql`analyze audit_events`.execute(t.db);
  });
  afterAll(() => t.close());

  it('finds who accessed a patient by index, newest first, on the first page and the pages after', async () => {
    const first = await patientAccessQuery(t.db, { patientId: patientId(42), before: null, limit: 50 }).execute();
    expect(first.length).toBeGreaterThan(20);
    expect(first.some((r) => r.matched_by === 'search-result')).toBe(true);
    for (const before of [null, first[10]!.seq]) {
      const text = await plan(t, patientAccessQuery(t.db, { patientId: patientId(42), before, limit: 50 }));
      expect(text, text).toMatch(/Index Scan (Backward )?using audit_events_patient_time_idx on audit_events/);
      expect(text, text).toMatch(/Bitmap Index Scan on audit_events_search_patients_idx/);
      expect(text, text).not.toMatch(/Seq Scan on audit_events/);
    }
  });

  it('pages on with a keyset, so the second page starts where the first ended', async () => {
    const all = await patientAccessQuery(t.db, { patientId: patientId(7), before: null, limit: 200 }).execute();
    const one = await patientAccessQuery(t.db, { patientId: patientId(7), before: null, limit: 5 }).execute();
    const two = await patientAccessQuery(t.db, { patientId: patientId(7), before: one[4]!.seq, limit: 5 }).execute();
    expect([...one.slice(0, 5), ...two.slice(0, 5)].map((r) => r.seq)).toEqual(all.slice(0, 10).map((r) => r.seq));
  });

  it('lists and counts recent refusals by index', async () => {
    const since = new Date(Date.now() - 30 * 24 * 3600_000);
    for (const before of [null, 1000]) {
      const text = await plan(t, refusalsQuery(t.db, { since, before, limit: 50 }));
      // A plain index scan, or a bitmap of the few rows in range: either way, only the range is read.
      expect(text, text).toMatch(/Index Scan (Backward )?using audit_events_refused_time_idx on audit_events|Bitmap Index Scan on audit_events_refused_time_idx/);
      expect(text, text).not.toMatch(/Seq Scan on audit_events/);
    }
    const count = await plan(t, t.db.selectFrom('audit_events').select((eb) => eb.fn.countAll().as('n')).where('outcome', '=', 'refused').where('occurred_at', '>=', since));
    expect(count, count).toMatch(/Index (Only )?Scan (Backward )?using audit_events_refused_time_idx|Bitmap Index Scan on audit_events_refused_time_idx/);
    expect(count, count).not.toMatch(/Seq Scan on audit_events/);
  });
});
