// A year of mandatory training and PDCs for the demo teams, written through the people context's rules
// as the team's clinical lead would: the courses and the matrix, four quarterly ESR imports (previewed,
// then confirmed, each at its own date), and each member of staff's PDC with objectives, a development
// plan and both confirmations. Deterministic from the demo's seed: the same people are always amber or
// red, so the compliance view and the home pages have something to say.
import type { Kysely } from 'kysely';
import { addCalendarDays, addCalendarMonths, fromUkWallClock, ukDateOf, type HomewardRole } from '@homeward/clinical';
import type { HomewardConfig } from '../config.ts';
import type { Database } from '../db/schema.ts';
import { staffActor, type Actor } from '../platform/actor.ts';
import { addPdcItem, addTrainingCourse, authorisePdc, confirmPdc, confirmTrainingImport, listTrainingCourses, pdcRoles, previewTrainingImport, startPdc } from '../people/public.ts';

/** What this needs of the demo's seed (its own shape, so the seeder that calls it is not imported back). */
type SeededStaff = { id: string; givenName: string; familyName: string; email: string; homewardRole: HomewardRole; teamId: string };
type DemoSeed = { teams: ReadonlyArray<{ id: string }>; staff: readonly SeededStaff[] };

const clinical: HomewardRole[] = ['support-worker', 'student', 'assistant-practitioner', 'registered-therapist', 'clinical-lead', 'service-manager'];
const patientFacing: HomewardRole[] = ['support-worker', 'assistant-practitioner', 'registered-therapist', 'clinical-lead'];
const everyone: HomewardRole[] = [...clinical, 'administrator', 'privacy-officer'];

/** The Core Skills Training Framework subjects a community therapy team is held to, with their renewal. */
export const demoCourses: ReadonlyArray<{ code: string; name: string; renewalMonths: number | null; roles: HomewardRole[] }> = [
  { code: 'CSTF-FIRE', name: 'Fire Safety', renewalMonths: 24, roles: everyone },
  { code: 'CSTF-IG', name: 'Information Governance and Data Security', renewalMonths: 12, roles: everyone },
  { code: 'CSTF-IPC2', name: 'Infection Prevention and Control Level 2', renewalMonths: 12, roles: clinical },
  { code: 'CSTF-MH2', name: 'Moving and Handling Level 2', renewalMonths: 24, roles: clinical },
  { code: 'CSTF-BLS', name: 'Basic Life Support', renewalMonths: 12, roles: patientFacing },
  { code: 'CSTF-SGA2', name: 'Safeguarding Adults Level 2', renewalMonths: 36, roles: clinical },
  { code: 'CSTF-CR', name: 'Conflict Resolution', renewalMonths: 36, roles: patientFacing },
  { code: 'IND-CORP', name: 'Corporate Induction', renewalMonths: null, roles: everyone },
];

const actorOf = (s: SeededStaff, config: HomewardConfig, now: Date): Actor =>
  staffActor({ staff: { staffId: s.id, name: `${s.givenName} ${s.familyName}`, role: s.homewardRole, teamId: s.teamId }, config, via: 'demo:seed', now });

/** A small deterministic number from a person and a course (no Math.random: the demo is the same each time). */
function hashOf(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

const esrDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

export async function seedDemoPdcAndTraining(db: Kysely<Database>, o: { demo: DemoSeed; now: Date; config: HomewardConfig }): Promise<void> {
  if ((await listTrainingCourses(db)).length > 0) return;
  const today = ukDateOf(o.now);
  const yearAgo = addCalendarMonths(today, -12);
  const at = (day: string) => fromUkWallClock(day, '10:00') ?? o.now;
  const leads = o.demo.teams.map((t) => ({ team: t, lead: o.demo.staff.find((s) => s.teamId === t.id && s.homewardRole === 'clinical-lead') })).filter((x) => x.lead);
  const first = leads[0];
  if (!first?.lead) return;

  // The courses and the matrix, a year ago, by the first team's lead (courses are the Trust's, for every team).
  await db.transaction().execute(async (trx) => {
    const manager = { actor: actorOf(first.lead!, o.config, at(yearAgo)), teamId: first.team.id };
    for (const c of demoCourses) await addTrainingCourse(trx, { manager, ...c });
  });
  const courses = await listTrainingCourses(db);

  for (const { team, lead } of leads) {
    const people = o.demo.staff.filter((s) => s.teamId === team.id);
    // Each person's latest completion of each course: mostly in date, some due soon, a few expired or never done.
    const rows: Array<{ day: string; line: string }> = [];
    for (const p of people) {
      for (const c of courses.filter((x) => x.roles.includes(p.homewardRole))) {
        const h = hashOf(`${p.email} ${c.code}`);
        if (h % 23 === 0) continue; // never done: red
        const lifeDays = c.renewalMonths === null ? 700 : c.renewalMonths * 30;
        // Done between 10 days ago and a little past its life (so about one in ten has just expired).
        const ago = 10 + (h % Math.max(30, lifeDays + 20));
        const day = addCalendarDays(today, -ago);
        rows.push({ day, line: `${p.email},${p.givenName} ${p.familyName},NHS|CSTF|${c.name}|,${esrDate(day)}` });
      }
    }
    // Four quarterly imports: each takes the completions done by its date and not yet imported.
    let rest = rows;
    for (const months of [-9, -6, -3, 0]) {
      const importDay = months === 0 ? addCalendarDays(today, -1) : addCalendarMonths(today, months);
      const batch = rest.filter((r) => r.day <= importDay);
      rest = rest.filter((r) => r.day > importDay);
      if (batch.length === 0) continue;
      const csv = ['Email Address,Full Name,Competence Name,Achievement Date', ...batch.map((r) => r.line)].join('\n');
      const manager = { actor: actorOf(lead!, o.config, at(importDay)), teamId: team.id };
      await db.transaction().execute(async (trx) => {
        const { id } = await previewTrainingImport(trx, { manager, fileName: `esr-competences-${importDay}.csv`, csv });
        await confirmTrainingImport(trx, { manager, importId: id, version: 1 });
      });
    }

    // A PDC for each member of the team the lead manages, held through the year; the most recent few
    // are not yet confirmed by the member of staff.
    // The lead's own is held by the service manager, where the team has one.
    const serviceManager = people.find((p) => p.homewardRole === 'service-manager');
    const managed = people.filter((p) => pdcRoles.includes(p.homewardRole) && (p.id !== lead!.id || serviceManager));
    for (const [i, p] of managed.entries()) {
      const heldOn = addCalendarDays(today, -(20 + ((i * 47) % 330)));
      const nextReviewOn = addCalendarMonths(heldOn, 6);
      const leadActor = actorOf(p.id === lead!.id ? serviceManager! : lead!, o.config, at(heldOn));
      await db.transaction().execute(async (trx) => {
        const { id } = await startPdc(trx, { actor: leadActor, staffId: p.id, heldOn, nextReviewOn, summary: `Annual conversation with ${p.givenName}: what went well, what to develop this year.` });
        let access = await authorisePdc(trx, { actor: leadActor, pdcId: id, write: true });
        const objectives = p.homewardRole === 'support-worker'
          ? ['Complete the Care Certificate refresher', 'Take on the kitchen practice competence']
          : p.homewardRole === 'assistant-practitioner'
            ? ['Lead the weekly falls group', 'Support the Band 3 support workers with delegated programmes']
            : ['Supervise an assistant practitioner', 'Audit response times for urgent referrals'];
        for (const text of objectives) await addPdcItem(trx, { access, kind: 'objective', text, measure: 'Reviewed at the six-month review', reviewOn: nextReviewOn });
        await addPdcItem(trx, { access, kind: 'development', text: p.homewardRole === 'registered-therapist' ? 'Vestibular rehabilitation course' : 'Shadow a registered therapist on complex visits', measure: '', reviewOn: null });
        access = await authorisePdc(trx, { actor: leadActor, pdcId: id, write: true });
        await confirmPdc(trx, { access, version: access.pdc.version });
        if (i % 5 !== 4) {
          const staffAccess = await authorisePdc(trx, { actor: actorOf(p, o.config, at(addCalendarDays(heldOn, 2) > today ? today : addCalendarDays(heldOn, 2))), pdcId: id, write: true });
          await confirmPdc(trx, { access: staffAccess, version: staffAccess.pdc.version });
        }
      });
    }
  }
}
