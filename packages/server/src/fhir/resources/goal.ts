// Goal (issue 18 #2): a goal set with Goal Attainment Scaling: the statement, the GAS target (level 0,
// the expected outcome, by the target date), the five levels as written with the patient, and how far it
// has been attained (the latest rating against its baseline). Read under the record's grant for goals.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../../platform/actor.ts';
import { notFound } from '../../platform/homeward-error.ts';
import { listGoals, type GoalResponse } from '../../record/public.ts';
import { goalAttainmentSystem } from '../code-systems/homeward-code-systems.ts';
import type { FhirResource, FhirResourceModule } from '../fhir-resource-module.ts';
import { auditFhirRead, episodeIdOfRecord, matchesStatus, withPatient, patientSearchParameter, readableRecords, recordAccessOf, recordIdOf, reference, refusedAsNotFound, statusSearchParameter } from './record-resource-support.ts';

const lifecycle = { active: 'active', achieved: 'completed', discontinued: 'cancelled' } as const;
const achievementSystem = 'http://terminology.hl7.org/CodeSystem/goal-achievement';

/** GAS: level 0 or above is the expected outcome met; below it, better or worse than where the goal started. */
export function achievementOf(goal: Pick<GoalResponse, 'latestLevel' | 'baseline'>): { code: string; display: string } | null {
  const level = goal.latestLevel;
  if (level === null) return null;
  if (level >= 0) return { code: 'achieved', display: 'Achieved' };
  if (level > goal.baseline) return { code: 'improving', display: 'Improving' };
  if (level < goal.baseline) return { code: 'worsening', display: 'Worsening' };
  return { code: 'no-change', display: 'No Change' };
}

const signed = (level: number) => (level > 0 ? `+${level}` : String(level));

export function toFhirGoal(goal: GoalResponse): FhirResource {
  const achievement = achievementOf(goal);
  const levels = (['-2', '-1', '0', '+1', '+2'] as const).map((level) => `${level}: ${goal.levels[level]}`).join('\n');
  const gasLevel = { coding: [{ system: goalAttainmentSystem, code: 'gas-level', display: 'Goal Attainment Scaling level (-2 to +2)' }] };
  return {
    resourceType: 'Goal',
    id: goal.id,
    meta: { versionId: String(goal.version), lastUpdated: goal.updatedAt },
    lifecycleStatus: lifecycle[goal.status],
    ...(achievement ? { achievementStatus: { coding: [{ system: achievementSystem, ...achievement }] } } : {}),
    description: { text: goal.statement },
    subject: reference('Patient', goal.patientId),
    startDate: goal.createdAt.slice(0, 10),
    target: [{ measure: gasLevel, detailInteger: 0, dueDate: goal.targetOn }],
    statusDate: goal.updatedAt.slice(0, 10),
    ...(goal.statusReason ? { statusReason: goal.statusReason } : {}),
    expressedBy: reference('Practitioner', goal.createdBy.id, goal.createdBy.name),
    note: [
      { text: `Goal Attainment Scaling levels:\n${levels}` },
      { text: `Baseline level ${signed(goal.baseline)}${goal.latestLevel === null ? '; not yet rated' : `; latest rating ${signed(goal.latestLevel)}`}${goal.weight === null ? '' : `; weight ${goal.weight}`}${goal.agreedWith ? `; agreed with ${goal.agreedWith}` : ''}` },
    ],
  };
}

async function search(db: Kysely<Database>, actor: Actor, patientId: string, params: URLSearchParams): Promise<FhirResource[]> {
  const resources: FhirResource[] = [];
  for (const access of await readableRecords(db, { actor, patientId, kind: 'goal' })) {
    const found = (await listGoals(db, access)).map(toFhirGoal).filter((r) => matchesStatus(r.lifecycleStatus as string, params, 'lifecycle-status'));
    await auditFhirRead(db, access, 'goal', { resourceType: 'Goal', count: found.length });
    resources.push(...found);
  }
  return resources;
}

export const goalModule: FhirResourceModule = {
  type: 'Goal',
  searchParams: [patientSearchParameter, { ...statusSearchParameter(Object.values(lifecycle)), name: 'lifecycle-status' }],
  async read(db, { actor, id }) {
    const ids = recordIdOf(id);
    if (!ids || ids.part) throw notFound('Goal');
    const episodeId = await episodeIdOfRecord(db, 'goals', ids.recordId);
    return refusedAsNotFound('Goal', async () => {
      const access = await recordAccessOf(db, { actor, episodeId, kind: 'goal', type: 'Goal' });
      const goal = (await listGoals(db, access)).find((g) => g.id === ids.recordId);
      if (!goal) throw notFound('Goal');
      await auditFhirRead(db, access, 'goal', { resourceType: 'Goal', recordId: goal.id });
      return toFhirGoal(goal);
    });
  },
  search: (db, { actor, params }) => withPatient(params, (patientId) => search(db, actor, patientId, params)),
  everything: (db, { actor, patientId }) => search(db, actor, patientId, new URLSearchParams()),
};
