// What `npm start` prints on a first start with demo data: the demo sign-ins, and the story patient with
// the sign-in of the clinician who holds her, so the page the log points to opens for the account it
// names (issue 11: the story patient was in a team none of the printed accounts belonged to). Each
// thing the log points to is also returned as data, so a test can sign in as each printed account and
// open what it is pointed to.
import { formatNhsNumber } from '@homeward/clinical';
import type { DemoSeed } from './seed-demo-data.ts';
import type { SeededRecords } from './seed-demo-records.ts';
import type { SeededVisitDay } from './seed-demo-visit-day.ts';

/** A page the log sends one printed sign-in to. */
export type StartUpPointer = { email: string; path: string };

export type DemoStartUpLog = { lines: string[]; pointers: StartUpPointer[] };

/** The team whose sign-ins are printed: the one the demo story is told in. */
export const printedTeamKey = 'north-staffs';

export function demoStartUpLog(o: { demo: DemoSeed; story: SeededRecords['story']; visitDay?: SeededVisitDay | null }): DemoStartUpLog {
  const printed = o.demo.staff.filter((s) => s.teamKey === printedTeamKey);
  const lines = [`Demo sign-ins (password for all: ${o.demo.password}):`, ...printed.map((s) => `  ${s.homewardRole.padEnd(24)} ${s.email}`)];
  // Every printed sign-in is pointed at least to the home page it lands on.
  const pointers: StartUpPointer[] = printed.map((s) => ({ email: s.email, path: '/' }));
  const holder = o.story ? o.demo.staff.find((s) => s.id === o.story!.heldById) : undefined;
  if (o.story && holder) {
    const path = `/episodes/${o.story.episodeId}/timeline`;
    const team = o.demo.teams.find((t) => t.id === holder.teamId)?.name ?? 'their team';
    lines.push(
      '',
      `The story patient to follow: ${o.story.patientName} (NHS number ${formatNhsNumber(o.story.nhsNumber)}), held by ${o.story.heldBy} (${holder.homewardRole}, ${team}).`,
      `  Sign in as ${holder.email} (same password) and open ${path}`,
    );
    pointers.push({ email: holder.email, path });
  }
  // Today's visit day: the lead's published plan, and the run sheet of whoever has the most visits today.
  const team = o.demo.teams.find((t) => t.key === printedTeamKey);
  const day = o.visitDay?.teams.find((t) => t.teamId === team?.id);
  const lead = printed.find((s) => s.homewardRole === 'clinical-lead');
  const busiest = day?.busiest ? printed.find((s) => s.id === day.busiest) : undefined;
  if (o.visitDay && day?.problem) lines.push('', `Today's visit plan was not made (${day.problem}): plan it from /visits/plan.`);
  else if (o.visitDay && day && lead) {
    const plan = `/visits/plan?date=${o.visitDay.date}`;
    lines.push('', `Today's visit plan is published (${day.planned} visits). Sign in as ${lead.email} and open ${plan}`);
    pointers.push({ email: lead.email, path: plan });
    if (busiest) {
      lines.push(`  ${busiest.givenName} ${busiest.familyName}'s run sheet for today: sign in as ${busiest.email} and open /run-sheet`);
      pointers.push({ email: busiest.email, path: '/run-sheet' });
    }
  }
  return { lines, pointers };
}
