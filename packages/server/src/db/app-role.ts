// The PostgreSQL role the application runs as. The triggers that keep the record append-only and final
// records final stop everyone but a table's owner (who can disable them) and a superuser (who can also
// switch them all off with session_replication_role). So the application connects as a role that owns
// nothing, may only SELECT, INSERT, UPDATE and DELETE (never TRUNCATE, REFERENCES or TRIGGER), and
// is neither a superuser nor a member of the role that owns the schema. Migrations run as that owner.
import pg from 'pg';

export type AppRoleOptions = {
  /** The login role the application will connect as, e.g. homeward_app. */
  role: string;
  password: string;
  /** The database it may connect to. */
  database: string;
};

/**
 * The statements that create (or bring back into line) the application's role. Run them as the role
 * that owns the schema and ran the migrations, with CREATEROLE, or hand them to a DBA: the default
 * privileges they set apply to tables that role creates in later migrations, so a new table needs no
 * new grant.
 */
export function appRoleStatements(o: AppRoleOptions): string[] {
  const role = pg.escapeIdentifier(o.role);
  const roleLiteral = pg.escapeLiteral(o.role);
  return [
    `do $$ begin if not exists (select from pg_roles where rolname = ${roleLiteral}) then create role ${role}; end if; end $$`,
    `alter role ${role} with login nosuperuser nocreatedb nocreaterole noreplication nobypassrls password ${pg.escapeLiteral(o.password)}`,
    `grant connect on database ${pg.escapeIdentifier(o.database)} to ${role}`,
    `grant usage on schema public to ${role}`,
    // Start from nothing, so a TRUNCATE granted by hand earlier does not survive a rerun.
    `revoke all on all tables in schema public from ${role}`,
    `grant select, insert, update, delete on all tables in schema public to ${role}`,
    `grant usage, select on all sequences in schema public to ${role}`,
    `alter default privileges in schema public grant select, insert, update, delete on tables to ${role}`,
    `alter default privileges in schema public grant usage, select on sequences to ${role}`,
  ];
}

export type AppRoleProblem = string;

/**
 * What would let the role get round the triggers: being a superuser, owning a table, holding TRUNCATE or
 * TRIGGER on one, or belonging to a role that owns one. An empty list is a role fit to run Homeward.
 */
export async function checkAppRole(client: pg.ClientBase, role: string): Promise<AppRoleProblem[]> {
  const problems: AppRoleProblem[] = [];
  const { rows: roles } = await client.query<{ rolsuper: boolean; rolbypassrls: boolean }>('select rolsuper, rolbypassrls from pg_roles where rolname = $1', [role]);
  if (!roles[0]) return [`there is no role ${role}`];
  if (roles[0].rolsuper) problems.push(`${role} is a superuser, so it can switch every trigger off`);
  const { rows: owned } = await client.query<{ name: string; owner: string }>(
    `select c.relname as name, pg_get_userbyid(c.relowner) as owner from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public' and c.relkind in ('r', 'p') and pg_has_role($1, c.relowner, 'USAGE') order by 1`,
    [role],
  );
  for (const t of owned) problems.push(`${role} owns table ${t.name}${t.owner === role ? '' : ` (through ${t.owner})`}, so it can disable its triggers`);
  const { rows: granted } = await client.query<{ name: string; privilege: string }>(
    `select c.relname as name, p.privilege from pg_class c join pg_namespace n on n.oid = c.relnamespace,
       unnest(array['TRUNCATE', 'TRIGGER']) as p(privilege)
     where n.nspname = 'public' and c.relkind in ('r', 'p') and has_table_privilege($1, c.oid, p.privilege) order by 1, 2`,
    [role],
  );
  for (const g of granted) problems.push(`${role} holds ${g.privilege} on ${g.name}`);
  return problems;
}
