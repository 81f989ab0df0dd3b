// The patient search written out by hand: the same SELECT that searchPatients builds with Kysely,
// so the benchmark can show what the database alone costs.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../packages/server/src/db/schema.ts';
import type { PatientSearch } from '../../packages/server/src/patients/patient-queries.ts';

type RawSearchRow = {
  id: string;
  nhs_number: string;
  given_name: string;
  family_name: string;
  date_of_birth: string;
  address_line1: string;
  town: string;
  postcode: string;
  risk_flags: unknown;
  registered_team_id: string;
};

export function rawSearchQuery(search: PatientSearch, limit = 25) {
  if (search.kind === 'nhs-number') {
    return sql<RawSearchRow>`
      select id, nhs_number, given_name, family_name, date_of_birth, address_line1, town, postcode, risk_flags, registered_team_id
      from patients
      where nhs_number = ${search.nhsNumber}
      order by family_name, given_name
      limit ${limit}`;
  }
  // The benchmark compares the name-and-birth search; a search by part of a name has its own query.
  if (search.kind === 'name') throw new Error('rawSearchQuery covers the NHS number and name-and-birth searches');
  const familyPattern = `${escapeLike(search.familyName.toLowerCase())}%`;
  const givenFilter = search.givenName ? sql`and lower(given_name) like ${`${escapeLike(search.givenName.toLowerCase())}%`}` : sql``;
  return sql<RawSearchRow>`
    select id, nhs_number, given_name, family_name, date_of_birth, address_line1, town, postcode, risk_flags, registered_team_id
    from patients
    where date_of_birth = ${search.dateOfBirth} and lower(family_name) like ${familyPattern} ${givenFilter}
    order by family_name, given_name
    limit ${limit}`;
}

export async function rawSearchPatients(db: Kysely<Database>, search: PatientSearch): Promise<RawSearchRow[]> {
  const result = await rawSearchQuery(search).execute(db);
  return result.rows;
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
