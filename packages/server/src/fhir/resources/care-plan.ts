// CarePlan (issue 18 #2): an episode's programme of care, one CarePlan per episode that has one (its id
// the episode's): each activity with who delivers it, how often, its status (a handed-over activity
// completed here, carried on by its receiver) and the goal it serves. Read under the record's grant.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../../platform/actor.ts';
import { notFound } from '../../platform/homeward-error.ts';
import { listProgramme, type ActivityResponse, type RecordAccess } from '../../record/public.ts';
import type { EpisodeResponse } from '../../caseload/public.ts';
import type { FhirResource, FhirResourceModule } from '../fhir-resource-module.ts';
import { auditFhirRead, matchesStatus, withPatient, patientSearchParameter, readableRecords, recordAccessOf, recordIdOf, reference, refusedAsNotFound, statusSearchParameter } from './record-resource-support.ts';

const activityStatus = { active: 'in-progress', stopped: 'stopped', completed: 'completed', 'handed-over': 'completed' } as const;

function activityOf(a: ActivityResponse) {
  const handedOver = a.handedOverTo ? `Handed over at discharge to ${a.handedOverTo.name ?? a.handedOverTo.kind}` : null;
  return {
    detail: {
      code: { text: a.kindLabel },
      status: activityStatus[a.status],
      ...(handedOver || a.statusReason ? { statusReason: { text: [handedOver, a.statusReason].filter(Boolean).join('. ') } } : {}),
      ...(a.goal ? { goal: [reference('Goal', a.goal.id, a.goal.statement)] } : {}),
      scheduledPeriod: { start: a.startsOn, ...(a.endsOn ? { end: a.endsOn } : {}) },
      ...(a.deliverer.staffId ? { performer: [reference('Practitioner', a.deliverer.staffId, a.deliverer.name)] } : {}),
      description: `${a.title}: ${a.instructions} (${a.frequency}; ${a.deliverer.description})`,
    },
  };
}

export function toFhirCarePlan(episode: EpisodeResponse, activities: readonly ActivityResponse[]): FhirResource {
  return {
    resourceType: 'CarePlan',
    id: episode.id,
    status: episode.status === 'discharged' ? 'completed' : 'active',
    intent: 'plan',
    title: 'Programme of care',
    subject: reference('Patient', episode.patientId),
    period: { start: activities.reduce((first, a) => (a.startsOn < first ? a.startsOn : first), activities[0]?.startsOn ?? episode.triagedAt.slice(0, 10)), ...(episode.dischargedOn ? { end: episode.dischargedOn } : {}) },
    author: reference('Organization', episode.teamId),
    goal: [...new Map(activities.filter((a) => a.goal).map((a) => [a.goal!.id, reference('Goal', a.goal!.id, a.goal!.statement)])).values()],
    activity: activities.map((a) => ({ detail: activityOf(a).detail })),
  };
}

async function carePlanOf(db: Kysely<Database>, access: RecordAccess): Promise<FhirResource | null> {
  const activities = await listProgramme(db, access);
  return activities.length ? toFhirCarePlan(access.episode, activities) : null;
}

async function search(db: Kysely<Database>, actor: Actor, patientId: string, params: URLSearchParams): Promise<FhirResource[]> {
  const resources: FhirResource[] = [];
  for (const access of await readableRecords(db, { actor, patientId, kind: 'programme-of-care' })) {
    const plan = await carePlanOf(db, access);
    const found = plan && matchesStatus(plan.status as string, params) ? [plan] : [];
    await auditFhirRead(db, access, 'programme-of-care', { resourceType: 'CarePlan', count: found.length });
    resources.push(...found);
  }
  return resources;
}

export const carePlanModule: FhirResourceModule = {
  type: 'CarePlan',
  searchParams: [patientSearchParameter, statusSearchParameter(['active', 'completed'])],
  async read(db, { actor, id }) {
    const ids = recordIdOf(id);
    if (!ids || ids.part) throw notFound('CarePlan');
    return refusedAsNotFound('CarePlan', async () => {
      const access = await recordAccessOf(db, { actor, episodeId: ids.recordId, kind: 'programme-of-care', type: 'CarePlan' });
      const plan = await carePlanOf(db, access);
      if (!plan) throw notFound('CarePlan');
      await auditFhirRead(db, access, 'programme-of-care', { resourceType: 'CarePlan' });
      return plan;
    });
  },
  search: (db, { actor, params }) => withPatient(params, (patientId) => search(db, actor, patientId, params)),
  everything: (db, { actor, patientId }) => search(db, actor, patientId, new URLSearchParams()),
};
