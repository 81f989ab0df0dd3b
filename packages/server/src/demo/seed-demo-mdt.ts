// A year of the demo teams' fortnightly MDT meetings (issue 16 #6), written through the mdt context's domain
// functions as the clinical lead who chaired them, at the time they did it: each meeting scheduled a
// week ahead, who attended, held. The last one held (this week) and the next one have agendas built
// from today's caseload, since the older meetings' patients are not in the demo: the last one with its
// discussions, decisions (in the timelines) and actions, some done, some open on their owners' home
// pages; two episodes flagged for the next one. A second start finds the meetings there and adds none.
import type { Kysely } from 'kysely';
import { addCalendarDays, fromUkWallClock, ukDateOf } from '@homeward/clinical';
import { uuidv7 } from 'uuidv7';
import type { HomewardConfig } from '../config.ts';
import type { Database } from '../db/schema.ts';
import { staffActor, type Actor } from '../platform/actor.ts';
import { authoriseEpisodeWrite, findEpisode } from '../caseload/public.ts';
import {
  addAttendee, addMdtAction, authoriseMdtPatientWrite, authoriseMdtTeam, authoriseMeeting, buildAgenda, changeMeetingStatus, closeMdtAction,
  flagEpisodeForMdt, listActions, listAgenda, recordDiscussion, scheduleMeeting,
} from '../mdt/public.ts';
import type { DemoSeed, SeededStaff } from './seed-demo-data.ts';
import { createRandom } from './seeded-random.ts';

export type SeedDemoMdtOptions = { demo: DemoSeed; now: Date; config: HomewardConfig; seed: number };

const fortnights = 26;
const discussions = [
  { discussion: 'Falls at transfer since discharge; carers unsure of the sling size.', decision: 'Joint visit with the moving and handling lead; review the sling.', action: 'Book a joint visit with the moving and handling lead' },
  { discussion: 'Goals nearly met; walking outdoors with a stick.', decision: 'Plan discharge at the next review.', action: 'Tell the GP discharge is planned' },
  { discussion: 'Daughter reports low mood and poor appetite.', decision: 'Refer to the community mental health team; keep visits at twice a week.', action: 'Refer to the community mental health team' },
  { discussion: 'Waiting longer than the response time for a first visit.', decision: 'Allocate this week; phone the patient today.', action: 'Phone the patient to arrange the first visit' },
  { discussion: 'Bed rails requested by the family.', decision: 'Assess for bed rails with a risk assessment first.', action: 'Complete the bed rail risk assessment' },
];

function actorFor(s: SeededStaff, config: HomewardConfig, at: Date): Actor {
  return staffActor({ staff: { staffId: s.id, name: `${s.givenName} ${s.familyName}`, role: s.homewardRole, teamId: s.teamId }, config, via: 'demo:seed', now: at });
}

export async function seedDemoMdt(db: Kysely<Database>, o: SeedDemoMdtOptions): Promise<void> {
  const today = ukDateOf(o.now);
  const random = createRandom(o.seed + 16);
  for (const team of o.demo.teams) {
    const already = await db.selectFrom('mdt_meetings').select('id').where('team_id', '=', team.id).executeTakeFirst();
    if (already) continue;
    const staff = o.demo.staff.filter((s) => s.teamId === team.id);
    const lead = staff.find((s) => s.homewardRole === 'clinical-lead');
    const members = staff.filter((s) => ['assistant-practitioner', 'registered-therapist', 'clinical-lead'].includes(s.homewardRole));
    if (!lead || members.length === 0) continue;
    // Fortnightly (a year of them, kept quick for a first start), on the same weekday: the last this
    // week, then next week's. Each is one transaction: scheduled a week ahead, attended and held as the
    // lead, each step authorised and audited as the pages do it.
    const at = (on: string) => fromUkWallClock(on, '13:30')!;
    let lastHeld: string | null = null;
    let next: string | null = null;
    for (let k = fortnights; k >= -1; k--) {
      const on = k < 0 ? addCalendarDays(today, 5) : addCalendarDays(today, -14 * k - 2);
      const startsAt = at(on);
      const id = uuidv7();
      await db.transaction().execute(async (trx) => {
        const scheduling = await authoriseMdtTeam(trx, { actor: actorFor(lead, o.config, new Date(startsAt.getTime() - 7 * 86_400_000)) });
        await scheduleMeeting(trx, { access: scheduling, id, on, at: '13:30', place: 'Seminar room, Haywood Hospital', chairId: lead.id });
        if (k < 0) return;
        const access = await authoriseMeeting(trx, { actor: actorFor(lead, o.config, new Date(startsAt.getTime() + 90 * 60_000)), meetingId: id });
        const came = members.filter(() => random() < 0.6).slice(0, 3);
        for (const s of came.length ? came : [lead]) await addAttendee(trx, { access, id: uuidv7(), staffId: s.id, name: null, role: '' });
        if (random() < 0.25) await addAttendee(trx, { access, id: uuidv7(), staffId: null, name: 'Adult social care duty worker', role: 'Social worker' });
        if (k > 0) await changeMeetingStatus(trx, { access, version: 1, status: 'held' });
      });
      if (k === 0) lastHeld = id;
      if (k < 0) next = id;
    }
    if (lastHeld) await discussLastMeeting(db, { ...o, lead, members, meetingId: lastHeld });
    if (next) await prepareNextMeeting(db, { ...o, lead, meetingId: next });
  }
}

/** This week's meeting: its agenda from the caseload, each patient discussed, actions agreed; then held. */
async function discussLastMeeting(db: Kysely<Database>, o: SeedDemoMdtOptions & { lead: SeededStaff; members: SeededStaff[]; meetingId: string }): Promise<void> {
  const meeting = await db.selectFrom('mdt_meetings').select('starts_at').where('id', '=', o.meetingId).executeTakeFirstOrThrow();
  const during = new Date(new Date(meeting.starts_at).getTime() + 30 * 60_000);
  const actor = actorFor(o.lead, o.config, during);
  await db.transaction().execute(async (trx) => buildAgenda(trx, { access: await authoriseMeeting(trx, { actor, meetingId: o.meetingId }) }));
  const agenda = (await listAgenda(db, o.meetingId)).slice(0, 6);
  const meetingOn = ukDateOf(new Date(meeting.starts_at));
  for (const [i, item] of agenda.entries()) {
    const words = discussions[i % discussions.length]!;
    const owner = o.members[i % o.members.length]!;
    await db.transaction().execute(async (trx) => {
      const access = await authoriseMeeting(trx, { actor, meetingId: o.meetingId });
      const grant = await authoriseMdtPatientWrite(trx, { access, patientId: item.patient.id, episodeId: item.episodeId, recordKind: 'mdt-agenda-item' });
      await recordDiscussion(trx, { access, grant, item, version: item.version, discussion: words.discussion, decision: words.decision });
      await addMdtAction(trx, { access, about: { item, grant }, id: uuidv7(), action: words.action, ownerId: owner.id, dueOn: addCalendarDays(meetingOn, i % 3 === 0 ? 2 : 7) });
    });
  }
  // Two done already, by their owners; the rest open on their home pages and the next agenda.
  for (const action of (await listActions(db, { meetingId: o.meetingId })).slice(0, 2)) {
    const owner = o.members.find((m) => m.id === action.owner.id)!;
    const byOwner = actorFor(owner, o.config, new Date(during.getTime() + 86_400_000));
    await db.transaction().execute(async (trx) => {
      const access = await authoriseMeeting(trx, { actor: byOwner, meetingId: o.meetingId });
      const grant = action.patient && action.episodeId ? await authoriseMdtPatientWrite(trx, { access, patientId: action.patient.id, episodeId: action.episodeId, recordKind: 'mdt-action' }) : null;
      await closeMdtAction(trx, { access, grant, action, version: action.version, note: 'Done' });
    });
  }
  await db.transaction().execute(async (trx) => {
    const access = await authoriseMeeting(trx, { actor, meetingId: o.meetingId });
    await changeMeetingStatus(trx, { access, version: access.meeting.version, status: 'held' });
  });
}

/** Next week's meeting: two episodes flagged by the lead, and its agenda built. */
async function prepareNextMeeting(db: Kysely<Database>, o: SeedDemoMdtOptions & { lead: SeededStaff; meetingId: string }): Promise<void> {
  const actor = actorFor(o.lead, o.config, new Date(o.now.getTime() - 60 * 60_000));
  const open = await db
    .selectFrom('episodes')
    .select('id')
    .where('team_id', '=', o.lead.teamId)
    .where('status', '=', 'active')
    .where('mdt_flagged_at', 'is', null)
    .orderBy('id')
    .limit(2)
    .execute();
  const reasons = ['Carer strain: daughter finding the evening calls hard', 'Not progressing with stairs; consider a stairlift referral'];
  for (const [i, e] of open.entries()) {
    const episode = await findEpisode(db, e.id, actor.now);
    if (!episode) continue;
    const access = await authoriseEpisodeWrite(db, { actor, episode, change: 'mdt-flag' });
    await db.transaction().execute((trx) => flagEpisodeForMdt(trx, { access, version: episode.version, reason: reasons[i]! }));
  }
  await db.transaction().execute(async (trx) => buildAgenda(trx, { access: await authoriseMeeting(trx, { actor, meetingId: o.meetingId }) }));
}
