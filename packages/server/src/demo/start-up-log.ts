// What `npm start` prints on a first start with demo data: the demo sign-ins, and the story patient with
// the sign-in of the clinician who holds her, so the page the log points to opens for the account it
// names (issue 11: the story patient was in a team none of the printed accounts belonged to). Each
// thing the log points to is also returned as data, so a test can sign in as each printed account and
// open what it is pointed to.
import { formatNhsNumber } from '@homeward/clinical';
import type { DemoSeed } from './seed-demo-data.ts';
import type { SeededRecords } from './seed-demo-records.ts';

/** A page the log sends one printed sign-in to. */
export type StartUpPointer = { email: string; path: string };

export type DemoStartUpLog = { lines: string[]; pointers: StartUpPointer[] };

/** The team whose sign-ins are printed: the one the demo story is told in. */
export const printedTeamKey = 'north-staffs';

export function demoStartUpLog(o: { demo: DemoSeed; story: SeededRecords['story'] }): DemoStartUpLog {
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
  return { lines, pointers };
}
