// The searches the benchmark times: real patients picked from the database with a seeded random
// sequence (the same picks on every run over the same data), plus a few that find nobody, because
// clinicians also search for people who are not registered yet.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../packages/server/src/db/schema.ts';
import type { PatientSearch } from '../../packages/server/src/patients/patient-queries.ts';
import { testNhsNumberForIndex } from '../../packages/server/src/demo/generate-demo-data.ts';
import { createRandom } from '../../packages/server/src/demo/seeded-random.ts';

export type SearchKind = PatientSearch['kind'];

export type SearchSample = {
  search: PatientSearch;
  /** The same search as the query string of GET /api/patients. */
  queryString: string;
};

/** One search in ten is for somebody who is not there. */
const missEvery = 10;
/** Clinicians type the start of a family name; three letters is typical. */
const familyPrefixLength = 3;

type PickedPatient = { nhs_number: string; family_name: string; date_of_birth: string };

export async function pickSearchSamples(db: Kysely<Database>, options: { kind: SearchKind; count: number; seed: number }): Promise<SearchSample[]> {
  const { n } = await db.selectFrom('patients').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const total = Number(n);
  if (total === 0) throw new Error('There are no patients to search for');
  const random = createRandom(options.seed);
  const positions = Array.from({ length: options.count }, () => 1 + Math.floor(random() * total));
  // Rows by their place in NHS number order: deterministic for the same seeded data on either engine.
  const picked = await sql<PickedPatient & { position: number }>`
    select nhs_number, family_name, to_char(date_of_birth, 'YYYY-MM-DD') as date_of_birth, position::int as position
    from (select nhs_number, family_name, date_of_birth, row_number() over (order by nhs_number) as position from patients) as numbered
    where position = any(${positions}::bigint[])
  `.execute(db);
  const byPosition = new Map(picked.rows.map((r) => [Number(r.position), r]));

  return positions.map((position, i) => {
    const patient = byPosition.get(position);
    if (!patient) throw new Error(`No patient at position ${position}`);
    const miss = i % missEvery === missEvery - 1;
    if (options.kind === 'nhs-number') {
      // Test-range numbers after the last one seeded: valid check digit, nobody registered.
      const nhsNumber = miss ? testNhsNumberForIndex(total + i) : patient.nhs_number.trim();
      return { search: { kind: 'nhs-number', nhsNumber }, queryString: new URLSearchParams({ nhsNumber }).toString() };
    }
    const familyName = miss ? 'Qx' : patient.family_name.slice(0, familyPrefixLength);
    const dateOfBirth = patient.date_of_birth;
    return {
      search: { kind: 'name-and-birth', familyName, givenName: null, dateOfBirth },
      queryString: new URLSearchParams({ familyName, dateOfBirth }).toString(),
    };
  });
}
