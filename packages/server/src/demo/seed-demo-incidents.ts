// A few incidents and near misses for the first demo team (issue 17 #1), written through the safety
// context's domain functions as the people who did each step, at the time they did it: a near miss a
// support worker reported anonymously, looked into and closed, its outcome waiting on her home page; a
// fall on a home visit, linked to the therapist's patient, under review with an action; and a staff
// injury this morning, waiting for the clinical lead's triage. A second start finds them and adds none.
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { addCalendarDays, ukDateOf } from '@homeward/clinical';
import type { HomewardConfig } from '../config.ts';
import type { Database } from '../db/schema.ts';
import { staffActor, type Actor } from '../platform/actor.ts';
import { addIncidentAction, authoriseIncident, authoriseIncidentEpisode, closeIncident, recordIncidentLearning, reportIncident, triageIncident } from '../safety/public.ts';
import type { DemoSeed, SeededStaff } from './seed-demo-data.ts';

export type SeedDemoIncidentsOptions = { demo: DemoSeed; now: Date; config: HomewardConfig };

const actorFor = (s: SeededStaff, config: HomewardConfig, at: Date): Actor =>
  staffActor({ staff: { staffId: s.id, name: `${s.givenName} ${s.familyName}`, role: s.homewardRole, teamId: s.teamId }, config, via: 'demo:seed', now: at });

export async function seedDemoIncidents(db: Kysely<Database>, o: SeedDemoIncidentsOptions): Promise<void> {
  const team = o.demo.teams[0];
  if (!team) return;
  if (await db.selectFrom('incidents').select('id').where('team_id', '=', team.id).executeTakeFirst()) return;
  const staff = o.demo.staff.filter((s) => s.teamId === team.id);
  const lead = staff.find((s) => s.homewardRole === 'clinical-lead');
  const supportWorker = staff.find((s) => s.homewardRole === 'support-worker');
  const therapist = staff.find((s) => s.homewardRole === 'registered-therapist');
  const assistant = staff.find((s) => s.homewardRole === 'assistant-practitioner');
  if (!lead || !supportWorker || !therapist || !assistant) return;
  const hoursAgo = (h: number) => new Date(o.now.getTime() - h * 3_600_000);
  const today = ukDateOf(o.now);

  // 1. A near miss, anonymous, closed four days later: the outcome waits on the support worker's home page.
  const nearMiss = uuidv7();
  await db.transaction().execute((trx) => reportIncident(trx, {
    actor: actorFor(supportWorker, o.config, hoursAgo(24 * 10)), id: nearMiss, anonymous: true, episode: null, source: null,
    report: { kind: 'near-miss', occurredAt: hoursAgo(24 * 10 + 2), locationKind: 'patient-home', location: 'Bathroom', category: 'moving-and-handling', whatHappened: 'The hoist sling laid out was a size too small; I noticed before the transfer.', affected: 'patient', immediateActions: 'Fetched the right sling from the car and checked the label.', physicalHarm: 'none', psychologicalHarm: 'none' },
  }));
  const triageAt = hoursAgo(24 * 9);
  await db.transaction().execute(async (trx) => {
    const access = await authoriseIncident(trx, { actor: actorFor(lead, o.config, triageAt), incidentId: nearMiss, handle: true });
    await triageIncident(trx, { access, version: 1, investigationLevel: 'local-review', confirmedPhysicalHarm: 'none', handlerId: lead.id, note: 'Local review with the equipment store.' });
  });
  await db.transaction().execute(async (trx) => {
    const access = await authoriseIncident(trx, { actor: actorFor(lead, o.config, hoursAgo(24 * 6)), incidentId: nearMiss, handle: true });
    await closeIncident(trx, { access, version: access.incident.version, learning: 'Slings were stored unlabelled. Every sling is now labelled by size, and the size is checked before each transfer.', outcomeForReporter: 'Thank you for reporting this. Every sling in the store is now labelled by size, and we check the label before each transfer.' });
  });

  // 2. A fall on a home visit, linked to one of the therapist's patients, under review with an action.
  const episode = await db.selectFrom('episodes').select('id').where('allocated_to', '=', therapist.id).where('status', '<>', 'discharged').where('team_id', '=', team.id).orderBy('id').executeTakeFirst();
  const fall = uuidv7();
  const reportedAt = hoursAgo(26);
  const reporter = actorFor(therapist, o.config, reportedAt);
  await db.transaction().execute(async (trx) => {
    const linked = episode ? await authoriseIncidentEpisode(trx, { actor: reporter, episodeId: episode.id }) : null;
    await reportIncident(trx, {
      actor: reporter, id: fall, anonymous: false, episode: linked, source: null,
      report: { kind: 'incident', occurredAt: hoursAgo(28), locationKind: 'patient-home', location: 'Bottom of the stairs', category: 'fall', whatHappened: 'Slipped on the bottom step while practising stairs with me; I slowed the fall. Bruised left hip.', affected: 'patient', immediateActions: 'Checked for injury, told the daughter and the GP surgery.', physicalHarm: 'low', psychologicalHarm: 'low' },
    });
  });
  await db.transaction().execute(async (trx) => {
    const access = await authoriseIncident(trx, { actor: actorFor(lead, o.config, hoursAgo(20)), incidentId: fall, handle: true });
    const triaged = await triageIncident(trx, { access, version: 1, investigationLevel: 'after-action-review', confirmedPhysicalHarm: 'low', handlerId: lead.id, note: 'After action review with the therapist this week.' });
    await recordIncidentLearning(trx, { access: { ...access, incident: triaged }, version: triaged.version, findings: 'The bottom step has no contrasting edge and the rail stops short.', learning: '' });
    await addIncidentAction(trx, { access, id: uuidv7(), action: 'Refer for a second stair rail and step-edge marking', ownerId: assistant.id, dueOn: addCalendarDays(today, 5) });
  });

  // 3. A staff injury this morning, with no patient: waiting for the lead's triage.
  await db.transaction().execute((trx) => reportIncident(trx, {
    actor: actorFor(assistant, o.config, hoursAgo(2)), id: uuidv7(), anonymous: false, episode: null, source: null,
    report: { kind: 'incident', occurredAt: hoursAgo(3), locationKind: 'vehicle', location: 'Car park, Haywood Hospital', category: 'staff-injury', whatHappened: 'Strained my back lifting the perching stools into the boot.', affected: 'staff', immediateActions: 'Stopped lifting; a colleague loaded the rest.', physicalHarm: 'low', psychologicalHarm: 'none' },
  }));
}
