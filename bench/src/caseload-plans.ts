// EXPLAIN for every SELECT a caseload request sends (captured on its way to the database), and for the
// hand-written SQL, boiled down to one line each: the indexes used and whether any step reads a table
// whose size grows with the service (patients, episodes, referrals, history, audit) rather than with
// the caseload itself.
import { CompiledQuery, type Kysely, type KyselyPlugin, type QueryId, type RootOperationNode } from 'kysely';
import type { Database } from '../../packages/server/src/db/schema.ts';

/** Tables that grow with the number of patients (or with time); reading one whole is a scaling problem. */
const growingTables = new Set(['patients', 'patient_versions', 'episodes', 'referrals', 'episode_events', 'onward_referrals', 'audit_events']);

export type PlanSummary = { label: string; line: string; grows: string[]; cost: number };

type PlanNode = {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Index Cond'?: string;
  'Total Cost'?: number;
  Plans?: PlanNode[];
};

/** A plugin that records the queries sent while armed, so one request's queries can be planned afterwards. */
export function createQueryRecorder() {
  let recording: Array<{ node: RootOperationNode; queryId: QueryId }> | null = null;
  const plugin: KyselyPlugin = {
    transformQuery: (args) => {
      recording?.push({ node: args.node, queryId: args.queryId });
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  return {
    plugin,
    async record(db: Kysely<Database>, run: () => Promise<void>): Promise<CompiledQuery[]> {
      recording = [];
      try {
        await run();
        return recording.map((q) => db.getExecutor().compileQuery(q.node, q.queryId));
      } finally {
        recording = null;
      }
    },
  };
}

/** Plans each SELECT (writes, such as the audit record, are left out: they touch one row by key). */
export async function explainQueries(db: Kysely<Database>, queries: readonly CompiledQuery[]): Promise<PlanSummary[]> {
  const plans: PlanSummary[] = [];
  for (const q of queries) {
    if (!/^\s*(select|with)\b/i.test(q.sql)) continue;
    plans.push(await explainSql(db, q.sql, q.parameters));
  }
  return plans;
}

export async function explainSql(db: Kysely<Database>, text: string, parameters: readonly unknown[]): Promise<PlanSummary> {
  const result = await db.executeQuery<{ 'QUERY PLAN': unknown }>(CompiledQuery.raw(`explain (format json) ${text}`, [...parameters]));
  const raw = result.rows[0]?.['QUERY PLAN'];
  const document = (typeof raw === 'string' ? JSON.parse(raw) : raw) as Array<{ Plan: PlanNode }>;
  const root = document[0]!.Plan;
  const steps: string[] = [];
  const grows: string[] = [];
  const walk = (plan: PlanNode) => {
    const relation = plan['Relation Name'];
    const on = relation ? ` on ${relation}` : '';
    steps.push(plan['Index Name'] ? `${plan['Node Type']} using ${plan['Index Name']}${on}` : `${plan['Node Type']}${on}`);
    if (relation && growingTables.has(relation)) {
      if (plan['Node Type'] === 'Seq Scan') grows.push(`Seq Scan on ${relation}`);
      // An index read end to end (no condition) is a scan of the whole table in another order.
      if (/Index/.test(plan['Node Type']) && plan['Node Type'] !== 'Bitmap Heap Scan' && !plan['Index Cond']) grows.push(`full ${plan['Node Type']} of ${relation}`);
    }
    for (const child of plan.Plans ?? []) walk(child);
  };
  walk(root);
  const from = /\bfrom\s+"?(\w+)"?/i.exec(text)?.[1] ?? '?';
  const verdict = grows.length ? `GROWS WITH THE DATA: ${grows.join(', ')}` : 'no whole-table read of patients, episodes or history';
  return { label: `from ${from}`, line: `${steps.join(' -> ')}  (est. cost ${root['Total Cost'] ?? '?'})  [${verdict}]`, grows, cost: root['Total Cost'] ?? 0 };
}
