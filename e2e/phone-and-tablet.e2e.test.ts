// Every list and record page works on a phone (390 px) and a tablet (768 px) without sideways scrolling
// (issue 11 item 4: the caseload was 666 px wide at 390 and cut off at 768). The demo service is seeded
// as `npm start` seeds it (fewer patients), and each demo role signs in and walks the pages it can reach
// from its home page: one page of each kind (the path with its ids taken out), each kind measured at both
// widths by the first role shown it, so the walk is bounded by the number of page kinds, not patients or
// roles. axe runs on each kind of list and record page once, at 390 px, where the layouts change most.
import { beforeAll, describe, expect, it } from 'vitest';
import { homewardRoles, type HomewardRole } from '@homeward/clinical';
import { demoPassword } from '../packages/server/src/demo/generate-demo-data.ts';
import type { SeededStaff } from '../packages/server/src/demo/seed-demo-data.ts';
import { seedDemoService } from '../packages/server/src/demo/seed-demo-service.ts';
import { expectNoAxeViolations, homewardInBrowser, sidewaysOverflow } from './browser.ts';

const widths = [390, 768] as const;
/** More page kinds than any role reaches today (the busiest reaches about 45): a bound, not a target. */
const pagesPerRole = 80;
const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** A page's kind: its path with the ids taken out (and the printable view apart from the screen one). */
function kindOf(url: URL): string {
  return url.pathname.replace(uuid, ':id') + (url.searchParams.get('print') ? '?print' : '');
}

/** Links worth following from a page: this site's pages, not files, the API or signing out. */
function followable(url: URL, origin: string): boolean {
  return url.origin === origin && !/^\/(api|static|assets|nhsuk-assets|sign-out|sign-in)(\/|$)/.test(url.pathname) && !/\.(pdf|csv)$/.test(url.pathname);
}

/**
 * Forms: measured like every page, but axe runs on them, in each of their states, in
 * accessibility.e2e.test.ts; here axe runs on the lists and records, whose layouts this file is about.
 */
const isForm = (kind: string) => /\/(new|edit|amend|withdraw|log|status|rate|allocate|hand-over|hold|resume|discharge|triage|reject|password|break-glass)$/.test(kind) || kind === '/episodes/:id/first-contact';

/** How much wider than the window the page is (0 when it fits), once the header has folded its navigation. */
const overflow = sidewaysOverflow;

describe('every page a demo role can reach fits a phone and a tablet', () => {
  const run = homewardInBrowser();
  const demoStaff = new Map<HomewardRole, SeededStaff>();
  /** Kinds axe has checked already, by any role. */
  const axeChecked = new Set<string>();
  /** Kinds some role reached, for the coverage check at the end. */
  const reached = new Set<string>();
  /** Kinds some role was shown (not refused), measured and checked. */
  const measured = new Set<string>();
  /** Record pages with plenty in them, where every role's walk starts after its home page. */
  const richPages: string[] = [];

  beforeAll(async () => {
    const db = run.home.db;
    const now = run.home.clock.now();
    const seed = 20261124;
    // The demo as a first start makes it (through the domain functions), smaller.
    const { demo, records } = await seedDemoService(db, { seed, now, config: run.home.config, patients: 120, openEpisodes: 24 });
    // The demo's story patient has the fullest record (an amended note among many): every role starts
    // there too, so the record and note pages are measured with real content, not an empty episode.
    const story = records.story!.episodeId;
    const note = await db.selectFrom('contact_notes').innerJoin('contact_note_amendments', 'contact_note_amendments.note_id', 'contact_notes.id').select('contact_notes.id').executeTakeFirst()
      ?? (await db.selectFrom('contact_notes').select('id').where('episode_id', '=', story).executeTakeFirstOrThrow());
    // Its supervision page too: the episode page now offers more (incidents, safeguarding, the Discharge
    // Ready Date), and a walk bounded at pagesPerRole can run out before it gets there.
    richPages.push(`/episodes/${story}/record`, `/contact-notes/${note.id}`, `/episodes/${story}/supervision`);
    // The demo sign-ins `npm start` prints are North Staffordshire's: one of each role.
    for (const s of demo.staff) if (s.teamKey === 'north-staffs' && !demoStaff.has(s.homewardRole)) demoStaff.set(s.homewardRole, s);
  }, 300_000);

  it('the check itself fails on a page wider than a phone', async () => {
    const page = await run.pageFor();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/sign-in');
    await expect(overflow(page)).resolves.toBe(0);
    await page.evaluate(() => {
      const wide = document.createElement('p');
      wide.style.width = '600px';
      wide.textContent = 'A line of text set wider than the screen';
      document.querySelector('main')?.append(wide);
    });
    await expect(overflow(page)).resolves.toBeGreaterThan(0);
  });

  it.each(homewardRoles.map((role) => [role]))('as the demo %s', async (role) => {
    const staff = demoStaff.get(role);
    expect(staff, `the demo has a ${role}`).toBeDefined();
    const { page } = await run.open();
    await page.setViewportSize({ width: widths[0], height: 844 });
    // Signed in through the API with the demo password (the sign-in page has its own tests): its
    // scrypt check can outlast a browser action's timeout on a busy machine.
    const signedIn = await run.home.app.inject({ method: 'POST', url: '/api/sessions', payload: { email: staff!.email, password: demoPassword } });
    expect(signedIn.statusCode, `${role} signs in with the demo password`).toBe(201);
    const session = signedIn.cookies.find((c) => c.name === 'hw_session')!;
    await page.context().addCookies([{ name: 'hw_session', value: session.value, url: run.home.baseUrl, httpOnly: true, sameSite: 'Lax' }]);
    const origin = new URL(run.home.baseUrl).origin;
    const queue: Array<{ url: URL; depth: number }> = [{ url: new URL('/', origin), depth: 0 }, ...richPages.map((p) => ({ url: new URL(p, origin), depth: 1 }))];
    const seen = new Set<string>();
    const problems: string[] = [];
    while (queue.length && seen.size < pagesPerRole) {
      const { url, depth } = queue.shift()!;
      const kind = kindOf(url);
      if (seen.has(kind)) continue;
      // A role's home page is its own (its header's navigation is the role's): always measured. A page of a
      // kind an earlier role was shown is the same layout with other buttons: not measured again, to keep
      // the walk short (each role's one-click lists measured again took a third of this file's five
      // minutes on a slower machine). One click from home it is still opened for its links, so a role's
      // own deeper pages are found; deeper, it is skipped (two clicks deep for every role took 364 s of a
      // CI run). Only a page an earlier role saw itself counts, not a refusal.
      const again = depth > 0 && measured.has(kind);
      if (again && depth > 1) continue;
      seen.add(kind);
      reached.add(kind);
      const response = await page.goto(url.pathname + url.search);
      const status = response?.status() ?? 0;
      if (status >= 500 || status === 0) problems.push(`${url.pathname}: answered ${status}`);
      if (!again) {
        if (status > 0 && status < 400) measured.add(kind);
        // The tablet first, then the phone, where axe runs: one resize fewer for each page.
        for (const width of [...widths].reverse()) {
          await page.setViewportSize({ width, height: 844 });
          const wider = await overflow(page);
          if (wider > 0) problems.push(`${url.pathname}${url.search} is ${wider} px wider than a ${width} px screen`);
        }
        if (!axeChecked.has(kind) && !isForm(kind)) {
          axeChecked.add(kind);
          await expectNoAxeViolations(page, `${url.pathname}${url.search} (${role}, ${widths[0]} px)`);
        }
      }
      for (const href of await page.locator('a[href]').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href))) {
        const next = new URL(href);
        next.hash = '';
        if (followable(next, origin) && !seen.has(kindOf(next))) queue.push({ url: next, depth: depth + 1 });
      }
    }
    expect(problems).toEqual([]);
    // The walk found the role's pages, not just its home page.
    expect(seen.size, `pages ${role} reached: ${[...seen].join(', ')}`).toBeGreaterThan(role === 'administrator' || role === 'privacy-officer' ? 2 : 5);
    // A long walk on a busy machine: a bound that only stops a runaway, never a measure of speed.
  }, 300_000);

  it('reached every kind of list and record page', () => {
    const lists = ['/caseload', '/caseload/team', '/caseload/waiting', '/caseload?print', '/referrals', '/reports/first-contact', '/record/review-queue', '/staff', '/staff/competences', '/rota', '/audit', '/run-sheet', '/visits', '/visits/plan'];
    const records = ['/episodes/:id', '/episodes/:id/record', '/contact-notes/:id', '/episodes/:id/timeline', '/episodes/:id/assessments', '/episodes/:id/goals', '/episodes/:id/programme', '/episodes/:id/reviews', '/episodes/:id/discharge-summary', '/episodes/:id/supervision', '/patients/:id', '/referrals/:id', '/visits/:id', '/run-sheet/:id'];
    for (const kind of [...lists, ...records]) expect([...reached], kind).toContain(kind);
  });

  it('raised no script errors, CSP refusals or missing assets on any page', () => {
    expect(run.problems()).toEqual([]);
  });
});
