// A year of clinical supervision for the demo teams (issue 16 #1), written through supervision's own
// domain functions as the people who did it, when they did it: each team's clinical lead (and the
// service manager, for the lead) names the supervisors a year ago (decideSupervisor's rule: registered,
// on a higher band); each supervisor writes up sessions at the policy's interval, a case from the
// supervisee's caseload on the latest, an action each time; the supervisee confirms each within days,
// and does the actions. Some people are left due soon or overdue, and the newest sessions of a few wait
// to be confirmed, so every red, amber and green, and every home-page item, has someone to show it.
import type { Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { addCalendarDays, bandRank, supervisionFrequencies, ukDateOf, type SupervisionSessionKind } from '@homeward/clinical';
import type { HomewardConfig } from '../config.ts';
import type { Database } from '../db/schema.ts';
import { staffActor, type Actor } from '../platform/actor.ts';
import { completeSupervisionAction, confirmSupervisionSession, nameSupervisor, recordSupervisionSession, supervisionCaseWrite, supervisionStaffOf, type SupervisionCaseInput } from '../people/public.ts';
import type { DemoSeed, SeededStaff } from './seed-demo-data.ts';
import { createRandom } from './seeded-random.ts';

const themes = [
  'Caseload and priorities; waiting list pressures',
  'A difficult conversation with a family about discharge',
  'Learning from a fall at home; reviewing the falls pathway',
  'Goal setting with a patient with low mood',
  'Wellbeing and workload; annual leave planning',
  'Moving and handling: a bariatric patient, equipment and a second carer',
  'Safeguarding concern raised this month: what happened and next steps',
  'Reflecting on a home visit that felt unsafe',
];
const actions = ['Read the falls policy and bring questions', 'Book the moving and handling refresher', 'Shadow a joint visit with the OT', 'Write a reflection for your CPD log', 'Review the goals of the two longest episodes'];
const kinds: SupervisionSessionKind[] = ['clinical', 'clinical', 'clinical', 'reflective', 'managerial', 'group'];

const at = (date: string, time = '15:00:00') => new Date(`${date}T${time}Z`);

/** Who supervises whom: the most junior registered person on a higher band in the team (the service manager, for a lead). */
export function demoSupervisorOf(person: SeededStaff, staff: readonly SeededStaff[]): SeededStaff | null {
  if (supervisionFrequencies[person.homewardRole] === null) return null;
  const candidates = staff
    .filter((s) => s.id !== person.id && s.profession !== 'none' && bandRank(s.band) > bandRank(person.band) && (s.teamId === person.teamId || s.homewardRole === 'service-manager'))
    .sort((a, b) => bandRank(a.band) - bandRank(b.band) || a.key.localeCompare(b.key));
  return candidates[0] ?? null;
}

export async function seedDemoSupervision(db: Kysely<Database>, o: { demo: DemoSeed; now: Date; config: HomewardConfig; seed: number }): Promise<{ sessions: number }> {
  // Once: a restart keeps the year it made.
  if (await db.selectFrom('supervision_arrangements').select('id').limit(1).executeTakeFirst()) return { sessions: 0 };
  const random = createRandom(o.seed ^ 0x5eed);
  const today = ukDateOf(o.now);
  const yearAgo = addCalendarDays(today, -364);
  const actorOf = (s: SeededStaff, when: Date): Actor => staffActor({ staff: { staffId: s.id, name: `${s.givenName} ${s.familyName}`, role: s.homewardRole, teamId: s.teamId }, config: o.config, via: 'demo:seed', now: when });
  const staff = o.demo.staff;
  let sessions = 0;
  for (const [index, person] of staff.entries()) {
    const supervisor = demoSupervisorOf(person, staff);
    if (!supervisor) continue;
    // Named by the lead of the person's team, or by the service manager for a lead (never by themselves).
    const namer = staff.find((s) => s.teamId === person.teamId && s.id !== person.id && (s.homewardRole === 'clinical-lead' || s.homewardRole === 'service-manager'));
    if (!namer) continue;
    const supervisee = (await supervisionStaffOf(db, person.id))!;
    await db.transaction().execute((trx) => nameSupervisor(trx, { actor: actorOf(namer, at(yearAgo, '09:00:00')), supervisee, id: uuidv7(), supervisorId: supervisor.id, startsOn: yearAgo, version: null }));
    const frequency = supervisionFrequencies[person.homewardRole]!;
    // Who is left where: most in date, some due soon, a few overdue (every third person's last session is late).
    const lateness = index % 3 === 0 ? frequency.maxWeeks * 7 + 5 + Math.floor(random() * 20) : index % 3 === 1 ? frequency.minWeeks * 7 + 3 : 7 + Math.floor(random() * 14);
    const dates: string[] = [];
    for (let d = addCalendarDays(today, -lateness); d > addCalendarDays(yearAgo, 7); d = addCalendarDays(d, -(frequency.minWeeks * 7 + Math.floor(random() * (frequency.maxWeeks - frequency.minWeeks + 1) * 7)))) dates.unshift(d);
    for (const [i, heldOn] of dates.entries()) {
      const last = i === dates.length - 1;
      const id = uuidv7();
      const writer = actorOf(supervisor, at(heldOn, '16:30:00'));
      // The latest session discusses one of the supervisee's own patients, where the supervisor may write about them.
      const cases: SupervisionCaseInput[] = [];
      if (last) {
        const episode = await db.selectFrom('episodes').select('id').where('allocated_to', '=', person.id).where('status', '<>', 'discharged').orderBy('id').limit(1).executeTakeFirst();
        if (episode) {
          const written = await supervisionCaseWrite(db, { actor: writer, episodeId: episode.id, path: 'cases.0.episodeId' }).catch(() => null);
          if (written) cases.push({ id: uuidv7(), note: 'Progress against goals; whether to step down visits', ...written });
        }
      }
      const actionId = uuidv7();
      await db.transaction().execute((trx) => recordSupervisionSession(trx, {
        actor: writer, id, superviseeId: person.id, heldOn, kind: kinds[Math.floor(random() * kinds.length)]!, themes: themes[Math.floor(random() * themes.length)]!, cases,
        actions: [{ id: actionId, action: actions[Math.floor(random() * actions.length)]!, ownerId: person.id, dueOn: addCalendarDays(heldOn, 14) }],
      }));
      sessions++;
      // The newest session of every fourth person waits for them to confirm it; the rest confirmed within days.
      if (last && index % 4 === 0) continue;
      const confirmedOn = addCalendarDays(heldOn, 1 + Math.floor(random() * 3));
      if (confirmedOn > today) continue;
      const reader = actorOf(person, at(confirmedOn, '10:00:00'));
      await db.transaction().execute((trx) => confirmSupervisionSession(trx, { actor: reader, sessionId: id, version: 1, comment: random() < 0.15 ? 'I would add: we agreed I would ask for a joint visit first' : '' }));
      // Actions from earlier sessions done; the latest one's still open (on their home page).
      if (!last) await db.transaction().execute((trx) => completeSupervisionAction(trx, { actor: actorOf(person, at(addCalendarDays(heldOn, 10), '12:00:00')), actionId, version: 1 }));
    }
  }
  return { sessions };
}
