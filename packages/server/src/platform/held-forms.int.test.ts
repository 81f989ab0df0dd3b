// Nothing a clinician types is lost to a session ending (issue 9). The therapist writes a note on Mrs
// Bloor's visit, goes to make a phone call, and comes back after her session has timed out: Save takes
// her to sign in, with a message, and once she has signed in the note form is back with what she
// typed; she saves it and it is in the record once. The held copy is sealed at rest, shown to nobody
// else (not to the lead who signs in on the same computer), expires after a day, and is deleted once
// used. A forged or cross-site post holds nothing.
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testNhsNumberForIndex } from '../demo/generate-demo-data.ts';
import { loadHeldFormKey } from '../platform/form-seal.ts';
import { bootTestApp, patientDetails, type TestApp, type TestClient } from '../../test/test-app.ts';
import { seedEpisode } from '../../test/seed-episode.ts';

const form = { 'content-type': 'application/x-www-form-urlencoded' };
const typedNote = 'Mrs Bloor walked 12 m with her frame & a rail; "tired" after. Daughter <Sarah> present.';

describe('a form sent after the session ended is held for its author and given back', () => {
  let t: TestApp;
  let therapist: TestClient;
  let episode: string;
  let formUrl: string;

  const notesOf = async () => (await t.db.selectFrom('contact_notes').select(['id', 'body']).where('episode_id', '=', episode).execute());
  const heldRows = () => t.db.selectFrom('held_forms').selectAll().where('expires_at', '>', t.clock.now()).execute();
  const field = (html: string, name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1];
  const post = (url: string, fields: Record<string, string>, cookie: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url, payload: new URLSearchParams(fields).toString(), headers: { ...form, cookie, ...headers } });
  const getAs = (client: TestClient, url: string, extraCookie = 'hw_held=1') => t.app.inject({ method: 'GET', url, headers: { cookie: `${client.cookie}; ${extraCookie}` } });
  const noteFields = (csrf: string, formId: string, body = typedNote) => ({
    _csrf: csrf,
    formId,
    kind: 'treatment',
    'occurredAt-day': '24',
    'occurredAt-month': '11',
    'occurredAt-year': '2026',
    'occurredAt-time': '09:00',
    durationMinutes: '45',
    place: 'Home',
    body,
    consentMissingReason: 'Verbal consent at the door',
    action: 'draft',
  });
  /** Opens the note form as the therapist: its CSRF token and formId, as her browser holds them. */
  const openNoteForm = async (client: TestClient) => {
    const page = await client.get(formUrl);
    expect(page.statusCode).toBe(200);
    return { csrf: field(page.body, '_csrf')!, formId: field(page.body, 'formId')! };
  };

  beforeAll(async () => {
    t = await bootTestApp();
    therapist = await t.signIn(t.service.a['registered-therapist']);
    const patientId = (await therapist.post('/api/patients', patientDetails({ nhsNumber: testNhsNumberForIndex(763_001) }))).json().id as string;
    episode = await seedEpisode(t, { patientId, service: 'd2a-pathway-1', allocatedTo: t.service.a['registered-therapist'].id });
    formUrl = `/episodes/${episode}/contact-notes/new`;
  });
  afterAll(() => t.close());

  let heldFormId: string;
  let signInRedirect: LightMyRequestResponse;

  it('holds the note when Save arrives after the session timed out, sealed, and sends her to sign in with a message (fails on the old code: the note was dropped)', async () => {
    const opened = await openNoteForm(therapist);
    heldFormId = opened.formId;
    t.clock.advanceMinutes(31);
    signInRedirect = await post(formUrl, noteFields(opened.csrf, opened.formId), therapist.cookie);
    expect(signInRedirect.statusCode).toBe(303);
    expect(signInRedirect.headers.location).toBe(`/sign-in?next=${encodeURIComponent(formUrl)}&reason=held`);
    expect(signInRedirect.cookies.find((c) => c.name === 'hw_held')).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    expect(await notesOf()).toEqual([]);

    const rows = await heldRows();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ staff_id: t.service.a['registered-therapist'].id, action: formUrl, return_path: formUrl });
    // Sealed at rest: neither the note nor any part of it is in the row, or in the audit.
    expect(JSON.stringify(rows[0])).not.toContain('Bloor walked');
    expect(rows[0]!.expires_at.getTime() - t.clock.now().getTime()).toBe(24 * 3_600_000);
    const audit = await t.db.selectFrom('audit_events').selectAll().execute();
    expect(JSON.stringify(audit)).not.toContain('Bloor walked');
    expect(audit.filter((a) => a.record_kind === 'held-form').map((a) => [a.action, a.outcome, a.record_id, (a.detail as { rule: string }).rule])).toEqual([
      ['write', 'refused', rows[0]!.id, 'session-ended'],
    ]);

    const signInPage = await t.app.inject({ method: 'GET', url: signInRedirect.headers.location as string });
    expect(signInPage.body).toContain('Your session ended. Sign in again and we will take you back to your form with what you typed. Nothing has been saved yet.');
    expect(signInPage.body).toContain(`name="next" value="${formUrl}"`);
  });

  it('never shows it to someone else who signs in on that computer', async () => {
    const lead = await t.signIn(t.service.a['clinical-lead']);
    const page = await getAs(lead, formUrl);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('Bloor walked');
    expect(page.body).not.toContain('hw-held-form');
    expect(page.body).not.toContain(heldFormId);
    expect(await heldRows()).toHaveLength(1);
  });

  it('gives the form back, filled in, to the therapist once she has signed in again; saving it writes the note once and deletes the held copy', async () => {
    const again = await t.signIn(t.service.a['registered-therapist']);
    const page = await getAs(again, formUrl);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Your session ended before this form was saved. We have put back what you typed');
    const held = JSON.parse(decodeHtml(/data-held="([^"]*)"/.exec(page.body)![1]!));
    expect(held.action).toBe(formUrl);
    expect(held.fields).toMatchObject({ body: typedNote, formId: heldFormId, kind: 'treatment', durationMinutes: '45' });
    expect(held.fields._csrf).toBeUndefined();
    // The form on the page carries her new session's token; the script puts the held formId back.
    const csrf = field(page.body, '_csrf')!;
    expect(csrf).toBe(again.csrfToken);

    const saved = await post(formUrl, noteFields(csrf, heldFormId), again.cookie + '; hw_held=1');
    expect(saved.statusCode).toBe(303);
    expect(await notesOf()).toEqual([{ id: expect.any(String), body: typedNote }]);
    expect(await heldRows()).toEqual([]);
    expect(saved.cookies.find((c) => c.name === 'hw_held')?.value).toBe('');
    // A second press, or Back and Save, is still one note (the held formId), and nothing is offered again.
    expect((await post(formUrl, noteFields(csrf, heldFormId), again.cookie)).statusCode).toBe(303);
    expect(await notesOf()).toHaveLength(1);
    expect((await getAs(again, formUrl)).body).not.toContain('hw-held-form');
  });

  it('forgets a held form after a day', async () => {
    const client = await t.signIn(t.service.a['registered-therapist']);
    const opened = await openNoteForm(client);
    t.clock.advanceMinutes(31);
    expect((await post(formUrl, noteFields(opened.csrf, opened.formId, 'A note that waited too long'), client.cookie)).statusCode).toBe(303);
    t.clock.advanceMinutes(24 * 60);
    const later = await t.signIn(t.service.a['registered-therapist']);
    const page = await getAs(later, formUrl);
    expect(page.body).not.toContain('waited too long');
    expect(page.body).not.toContain('hw-held-form');
  });

  it('gives a stale tab straight back to the same person signed in now, and holds nothing for a forged or cross-site post', async () => {
    const before = (await heldRows()).length;
    const oldTab = await t.signIn(t.service.a['registered-therapist']);
    const opened = await openNoteForm(oldTab);
    // She signs out in that tab's session and back in elsewhere; the old tab's token is stale.
    await oldTab.delete('/api/sessions/current');
    const now = await t.signIn(t.service.a['registered-therapist']);
    const stale = await post(formUrl, noteFields(opened.csrf, opened.formId, 'Typed in the old tab'), now.cookie);
    expect(stale.statusCode).toBe(303);
    expect(stale.headers.location).toBe(formUrl);
    expect((await getAs(now, formUrl)).body).toContain('Typed in the old tab');
    expect((await heldRows()).length).toBe(before + 1);

    const forged = await post(formUrl, noteFields('not-a-token-homeward-issued', opened.formId, 'Forged'), now.cookie);
    expect(forged.statusCode).toBe(403);
    const crossSite = await post(formUrl, noteFields(opened.csrf, opened.formId, 'Cross-site'), '', { 'sec-fetch-site': 'cross-site' });
    expect(crossSite.statusCode).toBe(303);
    expect(crossSite.headers.location).not.toContain('reason=held');
    expect((await heldRows()).length).toBe(before + 1);
    expect(await notesOf()).toHaveLength(1);
  });
});

describe('the key that seals held forms', () => {
  it('is made on first use in the data directory, readable only by its owner, and reused; a configured key must be 32 bytes', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'homeward-key-'));
    try {
      const first = await loadHeldFormKey({ heldFormKey: null, dataDir });
      const second = await loadHeldFormKey({ heldFormKey: null, dataDir });
      expect(first.length).toBe(32);
      expect(second.equals(first)).toBe(true);
      expect((await stat(join(dataDir, 'held-form.key'))).mode & 0o077).toBe(0);
      expect((await readFile(join(dataDir, 'held-form.key'), 'utf8')).trim()).toBe(first.toString('base64'));
      const configured = randomBytes(32);
      expect((await loadHeldFormKey({ heldFormKey: configured.toString('base64'), dataDir })).equals(configured)).toBe(true);
      await expect(loadHeldFormKey({ heldFormKey: randomBytes(8).toString('base64'), dataDir })).rejects.toThrow(/32 bytes/);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

function decodeHtml(text: string): string {
  return text.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&#92;/g, '\\').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
