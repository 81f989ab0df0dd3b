// What every browser test needs: the real Homeward app listening on a free port (on an in-memory
// PGlite database with a small seeded service), Debian's Chromium, signing in through the sign-in
// page as a person would, and axe run against WCAG 2.2 AA.
import { afterAll, beforeAll, expect } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { createHash } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { openMigratedPglite } from '../packages/server/test/test-database.ts';
import { bootTestApp, patientDetails, signIn, testPassword, type TestApp, type TestStaff } from '../packages/server/test/test-app.ts';
import type { HomewardConfig } from '../packages/server/src/config.ts';

export { patientDetails, testPassword };
export type { TestApp, TestStaff };

export type RunningHomeward = TestApp & { baseUrl: string };

/**
 * The app in-process on PGlite in memory, listening on 127.0.0.1 on a free port. Always PGlite,
 * whatever HOMEWARD_TEST_DB says: each test file starts from nothing and leaves nothing behind.
 */
export async function startHomeward(config: Partial<HomewardConfig> = {}): Promise<RunningHomeward> {
  const database = await openMigratedPglite();
  const testDb = {
    database,
    url: null,
    open: () => Promise.reject(new Error('PGlite in memory cannot be opened twice')),
    drop: () => database.close(),
  };
  const t = await bootTestApp({ testDb, config });
  const address = await t.app.listen({ host: '127.0.0.1', port: 0 });
  serveAxeBesideTheApp(t.app.server);
  return Object.assign(t, {
    baseUrl: address,
    close: async () => {
      await t.app.close();
      await database.close();
    },
  });
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.HOMEWARD_E2E_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export type OpenedPage = {
  page: Page;
  /** Script errors, console errors, and same-origin assets that failed to load: each a defect. */
  problems: string[];
  /** Requests to other hosts, refused so tests never depend on the network (the NHS fonts are one). */
  externalRequests: string[];
  close(): Promise<void>;
};

/**
 * A fresh browser context (its own cookies) on the app, signed in as `signedInAs` when given (through
 * the API, which is quicker: tests about signing in use signInThroughPage).
 */
export async function openPage(browser: Browser, home: RunningHomeward, signedInAs?: TestStaff): Promise<OpenedPage> {
  const context = await browser.newContext({ baseURL: home.baseUrl, viewport: { width: 1280, height: 900 } });
  // A backstop for a page that never comes, not a measure of speed: at a load of 17 on two cores a
  // page and its axe run took well over 10 s.
  context.setDefaultTimeout(60_000);
  if (signedInAs) await useSession(context, home, signedInAs);
  const origin = new URL(home.baseUrl).origin;
  const isLocal = (url: string) => url === '' || url.startsWith(`${origin}/`) || url === origin || url.startsWith('data:') || url.startsWith('about:');
  const externalRequests: string[] = [];
  await context.route((url) => !isLocal(url.href), (route) => {
    externalRequests.push(route.request().url());
    return route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`script error on ${page.url()}: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error' || !isLocal(message.location().url)) return;
    // Refused external requests have their own list, and failed loads are judged by the response
    // listener (which knows an intended 403 or 404 page from a missing stylesheet).
    if (/ERR_BLOCKED_BY_CLIENT|^Failed to load resource: the server responded/.test(message.text())) return;
    problems.push(`console error on ${page.url()}: ${message.text()}`);
  });
  page.on('response', (response) => {
    if (response.request().resourceType() !== 'document' && response.status() >= 400 && isLocal(response.url())) {
      problems.push(`${response.status()} for ${response.url()} on ${page.url()}`);
    }
  });
  return { page, problems, externalRequests, close: () => context.close() };
}

/** A describe block's Homeward and Chromium, and the pages opened on them (see homewardInBrowser). */
export type HomewardInBrowser = {
  /** The running app, from the block's beforeAll hooks on. */
  readonly home: RunningHomeward;
  readonly browser: Browser;
  /** A fresh page in its own context, signed in as `staff` when given; closed after the block. */
  open(staff?: TestStaff): Promise<OpenedPage>;
  /** As `open`, for tests that want only the page. */
  pageFor(staff?: TestStaff): Promise<Page>;
  /** The problems met on every page opened so far, for the block's last test to assert there are none. */
  problems(): string[];
  /** The requests to other hosts refused on every page opened so far. */
  externalRequests(): string[];
};

/**
 * Call at the top of a describe block. Before its tests, starts Homeward and Chromium together (this
 * beforeAll runs ahead of the block's own, so they may use `home`); after them, closes every page opened
 * through it, then Chromium, then Homeward.
 */
export function homewardInBrowser(options: { config?: () => Promise<Partial<HomewardConfig>> } = {}): HomewardInBrowser {
  let home: RunningHomeward | undefined;
  let browser: Browser | undefined;
  const opened: OpenedPage[] = [];
  beforeAll(async () => {
    // config: settings made just before the start (an SMTP server's port, say).
    const config = options.config ? await options.config() : {};
    [home, browser] = await Promise.all([startHomeward(config), launchBrowser()]);
  });
  afterAll(async () => {
    for (const o of opened) await o.close();
    await browser?.close();
    await home?.close();
  });
  function started<T>(thing: T | undefined, what: string): T {
    if (thing === undefined) throw new Error(`${what} is not started yet: use it in a beforeAll hook or a test`);
    return thing;
  }
  async function open(staff?: TestStaff): Promise<OpenedPage> {
    const o = await openPage(started(browser, 'Chromium'), started(home, 'Homeward'), staff);
    opened.push(o);
    return o;
  }
  return {
    get home() {
      return started(home, 'Homeward');
    },
    get browser() {
      return started(browser, 'Chromium');
    },
    open,
    pageFor: async (staff) => (await open(staff)).page,
    problems: () => opened.flatMap((o) => o.problems),
    externalRequests: () => opened.flatMap((o) => o.externalRequests),
  };
}

/**
 * Gives a browser context a fresh session for `staff`, signed in through the API at the app's clock now,
 * replacing any it had: for stories that move the clock on past the idle timeout, or change who is at
 * the keyboard without going through the sign-in page again.
 */
export async function useSession(context: BrowserContext, home: RunningHomeward, staff: TestStaff): Promise<void> {
  const client = await signIn(home.app, staff);
  const value = client.cookie.replace(/^hw_session=/, '');
  await context.clearCookies({ name: 'hw_session' });
  await context.addCookies([{ name: 'hw_session', value, url: home.baseUrl, httpOnly: true, sameSite: 'Lax' }]);
}

/** Moves the app's clock to `at` and gives `page` a fresh session for `staff`, as signing in again after the idle timeout. */
export async function laterAs(home: RunningHomeward, page: Page, at: string, staff: TestStaff): Promise<void> {
  home.clock.set(new Date(at));
  await useSession(page.context(), home, staff);
}

/** Signs in through the sign-in page by keyboard: type, then Enter, as most people do. */
export async function signInThroughPage(page: Page, staff: Pick<TestStaff, 'email'>, password = testPassword): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Email address').fill(staff.email);
  await page.getByLabel('Password').fill(password);
  await page.getByLabel('Password').press('Enter');
  await page.waitForURL((url) => url.pathname !== '/sign-in');
}

export async function signOutThroughPage(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { level: 1, name: 'You have signed out' }).waitFor();
}

/** Registers a patient through the JSON API as `staff` (for tests whose story starts after registration). */
export async function registerPatientByApi(home: RunningHomeward, staff: TestStaff, overrides: Record<string, unknown> = {}): Promise<{ id: string; nhsNumber: string }> {
  const client = await signIn(home.app, staff);
  const res = await client.post('/api/patients', patientDetails(overrides));
  if (res.statusCode !== 201) throw new Error(`could not register a test patient: ${res.statusCode} ${res.body}`);
  return res.json() as { id: string; nhsNumber: string };
}

export const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * What axe's verdict on a page depends on, as text: the viewport, and every element with its attributes
 * and form state, in order, with each text node reduced to "some text". UUIDs are numbered by first
 * appearance and hidden inputs' values (the CSRF token, the form id) reduced to whether there is one,
 * so two pages that differ only in which patient or which note they show match, while a reference to
 * an id that is not there still differs from one that is. Names, dates and counts in the text are left
 * out: the rules axe runs here ask whether an element has a name or text, not what it says.
 */
export async function axeSignature(page: Page): Promise<string> {
  const text = await page.evaluate(() => {
    // UUIDs only: a looser pattern (any long word) also numbered class names, so two pages styled
    // differently could match. The random values (CSRF token, form id) are hidden inputs' values.
    const token = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
    const numbered = new Map<string, number>();
    const normalise = (value: string) => value.replace(token, (t) => {
      if (!numbered.has(t)) numbered.set(t, numbered.size + 1);
      return `~${numbered.get(t)}`;
    });
    const parts = [`${window.innerWidth}x${window.innerHeight}`];
    const walk = (node: Node): void => {
      if (node.nodeType === Node.TEXT_NODE) {
        if (node.textContent?.trim()) parts.push('#text');
        return;
      }
      if (!(node instanceof Element)) return;
      const hidden = node instanceof HTMLInputElement && node.type === 'hidden';
      const attributes = [...node.attributes].map((a) => `${a.name}=${hidden && a.name === 'value' ? (a.value ? 'some' : '') : normalise(a.value)}`).sort();
      const state = node instanceof HTMLInputElement ? ` value:${node.value ? 1 : 0} checked:${node.checked ? 1 : 0}` : node instanceof HTMLTextAreaElement || node instanceof HTMLSelectElement ? ` value:${node.value ? 1 : 0}` : '';
      parts.push(`<${node.tagName} ${attributes.join(' ')}${state}`);
      for (const child of node.childNodes) walk(child);
      parts.push('>');
    };
    walk(document.documentElement);
    return parts.join('\n');
  });
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Pages axe has passed in this run, by signature: the same page in the same state (a list seen again by
 * the next test, a confirmation page every story reaches) is not checked twice. A quarter to a half of
 * the browser tests' time went on axe, much of it on pages already checked.
 */
const axePassed = new Set<string>();

/** axe-core's source, from the copy @axe-core/playwright itself depends on (so the two never differ). */
const axeSource = (createRequire(createRequire(import.meta.url).resolve('@axe-core/playwright'))('axe-core') as { source: string }).source;

/** Where the browser tests' own copy of axe-core is served, beside the app (never by the app itself). */
const axeScriptPath = '/__browser-tests/axe-core.js';

/**
 * Serves axe-core at axeScriptPath from the app's own port, ahead of the app: the test harness only,
 * so nothing is added to Homeward. Cacheable, so Chromium compiles it once per context.
 */
function serveAxeBesideTheApp(server: Server): void {
  const app = server.listeners('request') as Array<(req: IncomingMessage, res: ServerResponse) => void>;
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (req.url !== axeScriptPath) {
      for (const listener of app) listener.call(server, req, res);
      return;
    }
    res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'private, max-age=3600' });
    res.end(axeSource);
  });
}

/**
 * axe on the page as it is now. AxeBuilder's default run injected axe-core's 580 KB into the page, then
 * opened a blank page, injected it again there and finished the run in it (axe.finishRun, made for
 * cross-origin iframes, which Homeward's pages do not have): 6.7 s a run against 1.6 s this way, same
 * results, timed side by side on the same pages (36 runs each at load 16). So axe-core goes into each
 * document once (a page checked at three widths is one document) and runs there (legacy mode: axe.run
 * in the page itself, same rules and tags).
 */
async function runAxe(page: Page) {
  if (!(await page.evaluate(() => 'axe' in window))) {
    // As a script the page loads from its own origin (the CSP allows 'self'), Chromium keeps axe-core
    // compiled in its code cache after a context's first few pages: 0.15 s a page against 0.25 s for
    // evaluating the source afresh each time (timed side by side, machine loaded). The element is taken
    // out again, so the page is as it was (and its signature too). A page without scripts gets the
    // source evaluated, as before.
    await page.addScriptTag({ url: axeScriptPath }).catch(() => undefined);
    await page.evaluate((path) => document.querySelector(`script[src="${path}"]`)?.remove(), axeScriptPath);
    if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  }
  return new AxeBuilder({ page, axeSource: ';' }).setLegacyMode(true).options({ resultTypes: ['violations'] }).withTags(wcagTags).analyze();
}

/**
 * Waits until nothing on the page moves: the same boxes for three animation frames running (at most 180
 * frames, for a page that animates for ever). The NHS.UK header folds its navigation into "More" in an animation
 * frame after a resize, and again when its ResizeObserver fires; axe run in between once saw the header's
 * white links past its blue edge, on the page's grey, and failed the page for colour contrast (one CI run
 * in several, the test passing alone).
 */
export async function layoutSettled(page: Page): Promise<void> {
  await page.evaluate(() => new Promise<void>((resolve) => {
    // Only after a resize (or on a document's first check) is there anything to wait for: the header
    // folds synchronously when a page loads. Waiting frames on every check cost minutes of the suite.
    const w = window as unknown as { hwResizeWatched?: boolean; hwResized?: boolean };
    if (!w.hwResizeWatched) {
      w.hwResizeWatched = true;
      w.hwResized = true;
      window.addEventListener('resize', () => (w.hwResized = true));
    }
    if (!w.hwResized) return resolve();
    w.hwResized = false;
    let frames = 0;
    let last = '';
    let still = 0;
    const boxes = () => {
      let hash = 0;
      for (const e of document.body.querySelectorAll('*')) {
        const r = e.getBoundingClientRect();
        hash = (hash * 31 + r.x * 7 + r.y * 13 + r.width * 17 + r.height) % 1_000_000_007;
      }
      return `${document.documentElement.scrollWidth}x${document.documentElement.scrollHeight}:${hash}`;
    };
    const frame = () => {
      const now = boxes();
      still = now === last ? still + 1 : 0;
      last = now;
      // Frames, not seconds, so a loaded machine gives the page as many chances to settle as a quiet one.
      if (still >= 3 || frames++ >= 180) resolve();
      else requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  }));
}

/** Runs axe on the page once it has settled and fails with each violation's id, help and the nodes at fault. */
export async function expectNoAxeViolations(page: Page, label = new URL(page.url()).pathname): Promise<void> {
  await layoutSettled(page);
  const signature = await axeSignature(page);
  if (axePassed.has(signature)) return;
  const results = await runAxe(page);
  if (results.violations.length === 0) {
    axePassed.add(signature);
    return;
  }
  const report = results.violations
    .map((v) => `  ${v.id} (${v.impact ?? 'unknown impact'}): ${v.help}\n${v.nodes.map((n) => `    at ${n.target.join(' ')}\n      ${n.failureSummary?.replaceAll('\n', '\n      ') ?? ''}`).join('\n')}`)
    .join('\n');
  throw new Error(`axe found ${results.violations.length} accessibility violation(s) on ${label}:\n${report}`);
}

/** A valid referral for the JSON API (POST /api/referrals); override what a test cares about. */
export function referralDetails(patientId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    patientId,
    source: 'acute-ward',
    sourceDetail: 'Ward 7, Royal Stoke',
    service: 'd2a-pathway-1',
    setting: 'home',
    reason: 'Fall at home, now medically fit for discharge',
    presentingNeeds: null,
    urgencyRequested: 'soon',
    referrerName: 'Priya Shah, ward occupational therapist',
    referrerContact: '01782 715444 bleep 123',
    consentToReferral: true,
    consentNote: null,
    ...overrides,
  };
}

/** Mrs B's Barthel Index answers (12, then 16 points): the same ones the integration tests use. */
export { barthelAt12, barthelAt16 } from '../packages/server/test/barthel-responses.ts';

/**
 * Refers a patient to `therapist`'s team and triages the referral through the JSON API (for tests whose
 * story starts with an episode on the waiting list). `therapist` must be allowed to triage.
 */
export async function referAndTriageByApi(
  home: RunningHomeward,
  therapist: TestStaff,
  patientId: string,
  o: { referral?: Record<string, unknown>; triage?: Record<string, unknown> } = {},
): Promise<{ referralId: string; episodeId: string }> {
  const client = await signIn(home.app, therapist);
  const made = await client.post('/api/referrals', referralDetails(patientId, o.referral));
  if (made.statusCode !== 201) throw new Error(`could not make a test referral: ${made.statusCode} ${made.body}`);
  const referral = made.json() as { id: string; version: number };
  const triage = { complexity: 'non-complex', complexityReason: 'Single need, stable, family support', priority: 'P2', skillsNeeded: ['OT'], notes: null, visitsPerWeek: 2, ...o.triage };
  const triaged = await client.post(`/api/referrals/${referral.id}/triage`, { ...triage, version: referral.version });
  if (triaged.statusCode !== 201) throw new Error(`could not triage a test referral: ${triaged.statusCode} ${triaged.body}`);
  return { referralId: referral.id, episodeId: (triaged.json() as { episode: { id: string } }).episode.id };
}

/**
 * An episode of care held by `staff`, made through the JSON API for tests whose story starts once the
 * episode is on someone's caseload: team A's registered therapist registers Mrs B, refers and triages
 * her (`o` as for referAndTriageByApi); team A's clinical lead allocates. Returns the episode's version
 * after the allocation.
 */
export async function episodeAllocatedTo(
  home: RunningHomeward,
  staff: TestStaff,
  o: { referral?: Record<string, unknown>; triage?: Record<string, unknown> } = {},
): Promise<{ patientId: string; episodeId: string; version: number }> {
  const therapist = home.service.a['registered-therapist'];
  const patient = await registerPatientByApi(home, therapist);
  const { episodeId } = await referAndTriageByApi(home, therapist, patient.id, o);
  const { version } = await home.db.selectFrom('episodes').select('version').where('id', '=', episodeId).executeTakeFirstOrThrow();
  const lead = await signIn(home.app, home.service.a['clinical-lead']);
  const allocated = await lead.post(`/api/episodes/${episodeId}/allocation`, { staffId: staff.id, version });
  if (allocated.statusCode !== 200) throw new Error(`could not allocate the test episode: ${allocated.statusCode} ${allocated.body}`);
  return { patientId: patient.id, episodeId, version: (allocated.json() as { version: number }).version };
}

/**
 * How much wider than the window the page is (0: no sideways scrolling). The NHS.UK header folds its
 * navigation into "More" from a resize handler, so a page just loaded or resized may be wider for a
 * moment: it is given frames to settle first.
 */
export async function sidewaysOverflow(page: Page): Promise<number> {
  // A real overflow stays: it is measured after the wait, so only what is still too wide then counts.
  // Counted in animation frames, not seconds: the header folds in a frame after the resize, and under a
  // load of 8 a 10-second wait once ended before the frames came (two CI failures, nav items at 460-790 px
  // on a 390 px page). A page that fits is measured at once; one too wide gets up to 300 frames.
  // Once in a while (two runs in about ten, loaded or not) the header stayed unfolded for all 300 frames
  // after a resize from desktop width; a page loaded at a phone's width folds as it starts, so a phone
  // never sees this. After 60 frames the header is sent the resize event again, as the window would.
  await page.evaluate(() => new Promise<void>((resolve) => {
    let frames = 0;
    const frame = () => {
      if (document.documentElement.scrollWidth <= document.documentElement.clientWidth || frames++ >= 300) return resolve();
      if (frames === 60) window.dispatchEvent(new Event('resize'));
      requestAnimationFrame(frame);
    };
    frame();
  }));
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** The elements (at most eight, furthest out first) whose right edge is past the window's width, named for the failure message. */
function whatSticksOut(page: Page, width: number): Promise<string[]> {
  return page.evaluate((w) => [...document.querySelectorAll('body *')]
    .map((e) => ({ e, right: e.getBoundingClientRect().right }))
    .filter(({ right }) => right > w + 1)
    .sort((a, b) => b.right - a.right)
    .slice(0, 8)
    .map(({ e, right }) => `${e.tagName.toLowerCase()}#${e.id}.${e.className} ${Math.round(right)}`), width);
}

/**
 * Widths at which checkAtEveryWidth runs axe as well as measuring: the desktop and the phone. The tablet
 * between them is measured for sideways scrolling only. axe's rules read the page's elements, names and
 * roles, the same at every width; the ones that read the layout (colour contrast, target size) see the
 * header and the content at their widest and at their most folded. Each axe run cost about half a
 * second of a loaded 2-core machine, and three per page took the suite past its 20 minutes.
 */
const axeWidths = new Set([1280, 390]);

/** The page as it is, at each width: nothing wider than the window (what sticks out is named), and axe clean at the desktop's and the phone's. */
export async function checkAtEveryWidth(page: Page, label: string, widths: readonly number[] = [1280, 768, 390]): Promise<void> {
  const size = page.viewportSize();
  for (const width of widths) {
    await page.setViewportSize({ width, height: 900 });
    let over = await sidewaysOverflow(page);
    let wide = over === 0 ? [] : await whatSticksOut(page, width);
    // Too wide, yet nothing on the page sticks out: caught mid-reflow (the header still folding). Measured once more.
    if (over > 0 && wide.length === 0) {
      over = await sidewaysOverflow(page);
      wide = over === 0 ? [] : await whatSticksOut(page, width);
    }
    expect(over, `${label} at ${width} px (${new URL(page.url()).pathname}): ${wide.join(' | ')}`).toBe(0);
    if (axeWidths.has(width) || !widths.some((w) => axeWidths.has(w))) await expectNoAxeViolations(page, `${label} at ${width} px`);
  }
  if (size) await page.setViewportSize(size);
}

/**
 * Follows a link of the NHS.UK header's navigation, as a person does: straight there when it shows, else
 * through its "More" menu (the header folds what does not fit, which depends on the width and on how many
 * items the role has).
 */
export async function followHeaderLink(page: Page, name: string): Promise<void> {
  const link = page.locator('.nhsuk-header').getByRole('link', { name, exact: true }).first();
  if (!(await link.isVisible())) await page.locator('.nhsuk-header__menu-toggle').click();
  // Waits for the page the link leads to: a click returns once the navigation starts, and checks run
  // straight after it were run on the page being left, or on the new one as it replaced it (the MDT and
  // safety pages "failed" at 390 px with the header unfolded, in three CI runs).
  const target = new URL((await link.getAttribute('href')) ?? '', page.url());
  await Promise.all([
    page.waitForURL((url) => url.pathname === target.pathname && url.search === target.search, { waitUntil: 'load' }),
    link.click(),
  ]);
}
