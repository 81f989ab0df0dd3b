// FROZEN once landed. Finding a patient by part of a name (issue 11, items 5 and 8): search keys made
// by the database from the names as stored (accents and punctuation folded, so "Zoë O'Brien-Smith" is
// found by "zoe obrien" or "smith"), trigram indexes (pg_trgm, on PostgreSQL and in PGlite) for
// word-prefix matching and for family names that sound alike, and GP practice codes checked as ODS
// codes by the database too.
import { sql, type Kysely } from 'kysely';

/**
 * The letters folded to a-z: every Latin-1 and Latin Extended-A letter whose canonical decomposition
 * is one ASCII letter and accents (both cases, because lower() folds only ASCII under the C locale
 * PGlite uses), and the few that do not decompose. Computed once, here, and frozen into the function.
 */
function foldedLetters(): { from: string; to: string } {
  let from = '';
  let to = '';
  for (let code = 0xc0; code <= 0x17f; code++) {
    const ch = String.fromCharCode(code);
    const base = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
    if (/^[a-z]$/.test(base) && ch !== base) {
      from += ch;
      to += base;
    }
  }
  for (const [ch, base] of [['Ø', 'o'], ['ø', 'o'], ['Đ', 'd'], ['đ', 'd'], ['Ł', 'l'], ['ł', 'l'], ['ı', 'i'], ['Ħ', 'h'], ['ħ', 'h']] as const) {
    from += ch;
    to += base;
  }
  return { from, to };
}

export async function up(db: Kysely<unknown>): Promise<void> {
  const { from, to } = foldedLetters();
  await sql`create extension if not exists pg_trgm`.execute(db);
  await sql`
    -- A name as search compares it: accents folded, lower case, anything but letters and digits one
    -- space (hyphens, apostrophes, full stops), trimmed. Immutable, so columns can be generated from it.
    create function hw_name_key(name text) returns text language sql immutable parallel safe as $$
      select btrim(regexp_replace(lower(translate(
        replace(replace(replace(replace(replace(name, 'ß', 'ss'), 'Æ', 'ae'), 'æ', 'ae'), 'Œ', 'oe'), 'œ', 'oe'),
        ${sql.lit(from)}, ${sql.lit(to)})), '[^a-z0-9]+', ' ', 'g'))
    $$
  `.execute(db);
  await sql`
    alter table patients
      add column given_key text generated always as (hw_name_key(given_name)) stored,
      add column family_key text generated always as (hw_name_key(family_name)) stored,
      -- Every word of both names with a space before it (so a term matches the start of a word with
      -- like '% term%'), and the family name run together ("obrien smith" also as "obriensmith").
      add column name_search text generated always as (
        ' ' || hw_name_key(given_name) || ' ' || hw_name_key(family_name) || ' ' || replace(hw_name_key(family_name), ' ', '') || ' '
      ) stored
  `.execute(db);
  await sql`create index patients_name_search_trgm_idx on patients using gin (name_search gin_trgm_ops)`.execute(db);
  await sql`create index patients_family_key_trgm_idx on patients using gin (family_key gin_trgm_ops)`.execute(db);
  // The rule the pages and the API apply, held by the database too: an ODS practice code, both or neither.
  await sql`
    alter table patients
      add constraint patients_gp_practice_code_ods check (gp_practice_code is null or gp_practice_code ~ '^[A-Z][0-9]{5}$') not valid
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table patients drop constraint patients_gp_practice_code_ods`.execute(db);
  await sql`drop index patients_family_key_trgm_idx`.execute(db);
  await sql`drop index patients_name_search_trgm_idx`.execute(db);
  await sql`alter table patients drop column name_search, drop column family_key, drop column given_key`.execute(db);
  await sql`drop function hw_name_key(text)`.execute(db);
}
