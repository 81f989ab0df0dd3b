// EXPLAIN for a patient search, boiled down to one line: which index the planner uses, and whether
// anything reads the whole patients table.
import { CompiledQuery, type Kysely, type KyselyPlugin, type QueryId, type RootOperationNode } from 'kysely';
import type { Database } from '../../packages/server/src/db/schema.ts';
import { searchPatients, type PatientSearch } from '../../packages/server/src/patients/patient-queries.ts';
import { rawSearchQuery } from './raw-search-sql.ts';

export type PlanSummary = { line: string; seqScanOnPatients: boolean; indexes: string[] };

type PlanNode = { 'Node Type': string; 'Relation Name'?: string; 'Index Name'?: string; Plans?: PlanNode[] };

/** Plans the exact SQL searchPatients sends (captured on its way to the database). */
export async function explainSearchPatients(db: Kysely<Database>, search: PatientSearch): Promise<PlanSummary> {
  const sent: Array<{ node: RootOperationNode; queryId: QueryId }> = [];
  const spy: KyselyPlugin = {
    transformQuery: (args) => {
      sent.push({ node: args.node, queryId: args.queryId });
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  await searchPatients(db.withPlugin(spy), search);
  if (sent.length !== 1) throw new Error(`searchPatients sent ${sent.length} queries; expected one`);
  const compiled = db.getExecutor().compileQuery(sent[0]!.node, sent[0]!.queryId);
  return explain(db, compiled.sql, compiled.parameters);
}

/** Plans the hand-written equivalent. */
export async function explainRawSearch(db: Kysely<Database>, search: PatientSearch): Promise<PlanSummary> {
  const compiled = rawSearchQuery(search).compile(db);
  return explain(db, compiled.sql, compiled.parameters);
}

async function explain(db: Kysely<Database>, text: string, parameters: readonly unknown[]): Promise<PlanSummary> {
  const result = await db.executeQuery<{ 'QUERY PLAN': unknown }>(CompiledQuery.raw(`explain (format json) ${text}`, [...parameters]));
  const raw = result.rows[0]?.['QUERY PLAN'];
  const document = (typeof raw === 'string' ? JSON.parse(raw) : raw) as Array<{ Plan: PlanNode }>;
  const steps: string[] = [];
  const indexes: string[] = [];
  let seqScanOnPatients = false;
  const walk = (plan: PlanNode) => {
    if (plan['Index Name']) indexes.push(plan['Index Name']);
    if (plan['Node Type'] === 'Seq Scan' && plan['Relation Name'] === 'patients') seqScanOnPatients = true;
    const on = plan['Relation Name'] ? ` on ${plan['Relation Name']}` : '';
    steps.push(plan['Index Name'] ? `${plan['Node Type']} using ${plan['Index Name']}${on}` : `${plan['Node Type']}${on}`);
    for (const child of plan.Plans ?? []) walk(child);
  };
  walk(document[0]!.Plan);
  const verdict = seqScanOnPatients ? 'SEQUENTIAL SCAN of patients' : 'no sequential scan of patients';
  return { line: `${steps.join(' -> ')}  [${verdict}]`, seqScanOnPatients, indexes };
}
