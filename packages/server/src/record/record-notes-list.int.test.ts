// The record lists each note's text (issue 11 item 6): reading Mrs B's history should not mean opening
// every note. Her record page lists every contact note, most recent contact first (not most recently
// written: a late entry sits at its contact's place), each with its text (a long one's first lines, the
// rest behind a <details> that works without JavaScript), its author with their role, and its times;
// an amended note shows the amended text as current, marked, with who amended it and why, and keeps
// the original beneath it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatUkDateTime, homewardRoleLabels } from '@homeward/clinical';
import { testNhsNumberForIndex } from '../demo/generate-demo-data.ts';
import { bootTestApp, patientDetails, type TestApp, type TestClient } from '../../test/test-app.ts';
import { seedEpisode, seedSupervision } from '../../test/seed-episode.ts';

/** The record page's notes, in the order shown: each list item's note id and its markup. */
function notesOnPage(html: string): Array<{ id: string; html: string }> {
  const list = /<ol class="hw-notes"[^>]*>([\s\S]*?)<\/ol>/.exec(html);
  if (!list) return [];
  return list[1]!.split('<li class="hw-note" ').slice(1).map((item) => ({ id: /^id="note-([0-9a-f-]{36})"/.exec(item)![1]!, html: item }));
}
/** What a reader gets from some markup: inline tags gone, block tags a space, entities decoded, spaces squashed. */
const text = (html: string) =>
  html.replace(/<\/?(strong|span|a)\b[^>]*>/g, '').replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim();

describe('the record lists each contact note with its text, author, role and time', () => {
  let t: TestApp;
  let assistant: TestClient;
  let episode: string;
  const ids = { assessment: '', treatment: '', telephone: '', late: '' };
  const when = { assessment: '', treatment: '', telephone: '', late: '' };
  const ago = (hours: number) => new Date(t.clock.now().getTime() - hours * 3_600_000).toISOString();
  const longBody = [
    'S: Mrs B says she is tired in the afternoons and worries about falling in the kitchen.',
    'O: Walked 10 m indoors with her frame; sit to stand from the armchair needed two attempts.',
    'A: Improving since discharge; kitchen tasks are the priority.',
    'P: Perching stool and trolley to be ordered; review on Friday with her daughter present.',
    'Daughter phoned afterwards: the stool can go <by the window>, away from the back door.',
  ].join('\n');

  beforeAll(async () => {
    t = await bootTestApp();
    const therapist = await t.signIn(t.service.a['registered-therapist']);
    const mrsB = (await therapist.post('/api/patients', patientDetails({ nhsNumber: testNhsNumberForIndex(711_000) }))).json().id;
    episode = await seedEpisode(t, { patientId: mrsB, service: 'd2a-pathway-1', allocatedTo: t.service.a['assistant-practitioner'].id });
    // A week on (the referral came three days before the episode was seeded), so every contact below falls after it.
    t.clock.set(new Date(t.clock.now().getTime() + 7 * 86_400_000));
    assistant = await t.signIn(t.service.a['assistant-practitioner']);
    await assistant.post(`/api/episodes/${episode}/consent`, { agreedTo: 'Assessment and treatment at home', method: 'verbal', givenBy: 'patient' });
    const write = async (client: TestClient, note: Record<string, unknown>) => {
      const res = await client.post(`/api/episodes/${episode}/contact-notes`, { durationMinutes: 30, place: 'Home', staffPresent: null, therapyMinutes: {}, finalise: true, ...note });
      if (res.statusCode !== 201) throw new Error(`could not write a test note: ${res.statusCode} ${res.body}`);
      return res.json() as { id: string; version: number };
    };
    // Written in this order, so the list's order cannot come from the order of writing.
    when.treatment = ago(48);
    const treatment = await write(assistant, { kind: 'treatment', occurredAt: when.treatment, body: 'Kitchen practice: made a hot drink with supervision.' });
    ids.treatment = treatment.id;
    const amended = await assistant.post(`/api/contact-notes/${treatment.id}/amendments`, {
      kind: 'treatment', occurredAt: when.treatment, durationMinutes: 30, place: 'Home', staffPresent: null, therapyMinutes: {},
      body: 'Kitchen practice: made a hot drink on her own, carried it in a lidded mug.', reason: 'Wrong level of assistance recorded', version: treatment.version,
    });
    if (amended.statusCode !== 201) throw new Error(`could not amend the test note: ${amended.statusCode} ${amended.body}`);
    when.assessment = ago(72);
    ids.assessment = (await write(assistant, { kind: 'assessment', occurredAt: when.assessment, body: longBody })).id;
    await seedSupervision(t, { episodeId: episode, staffId: t.service.a['support-worker'].id });
    const supportWorker = await t.signIn(t.service.a['support-worker']);
    when.telephone = ago(20);
    ids.telephone = (await write(supportWorker, { kind: 'telephone', occurredAt: when.telephone, durationMinutes: 10, body: 'Phoned daughter: stool delivered.' })).id;
    // Written now about a contact four days ago: a late entry, listed at its contact's place.
    when.late = ago(96);
    ids.late = (await write(assistant, { kind: 'treatment', occurredAt: when.late, body: 'First visit: bathing assessment, bath board fitted.' })).id;
  });
  afterAll(async () => t?.close());

  it('lists every note, most recent contact first, whatever order they were written in', async () => {
    const page = await assistant.get(`/episodes/${episode}/record`);
    expect(page.statusCode).toBe(200);
    expect(notesOnPage(page.body).map((n) => n.id)).toEqual([ids.telephone, ids.treatment, ids.assessment, ids.late]);
    expect(text(page.body)).toContain('4 notes, the most recent contact first.');
  });

  it('gives each note its author, the role they wrote in, and the time of the contact and of writing', async () => {
    const notes = notesOnPage((await assistant.get(`/episodes/${episode}/record`)).body);
    const byId = new Map(notes.map((n) => [n.id, text(n.html)]));
    // The heading names the kind and the contact's time (its link adds "note" for screen readers).
    expect(byId.get(ids.telephone)).toMatch(new RegExp(`^id="note-${ids.telephone}"> Telephone contact note, ${formatUkDateTime(when.telephone)} `));
    expect(byId.get(ids.telephone)).toContain(`Written by Alex support worker, ${homewardRoleLabels['support-worker']}, ${formatUkDateTime(t.clock.now())}`);
    expect(byId.get(ids.assessment)).toContain(`Written by Alex assistant practitioner, ${homewardRoleLabels['assistant-practitioner']}, ${formatUkDateTime(t.clock.now())}`);
    expect(byId.get(ids.telephone)).toContain('Phoned daughter: stool delivered.');
    // Written after the fact: labelled, with both times.
    expect(byId.get(ids.late)).toContain('Late entry');
    expect(byId.get(ids.late)).toContain(`Late entry: written ${formatUkDateTime(t.clock.now())} about a contact on ${formatUkDateTime(when.late)}.`);
    expect(byId.get(ids.telephone)).not.toContain('Late entry');
  });

  it('shows a long note’s first lines, and the whole of it behind a details element that needs no JavaScript', async () => {
    const note = notesOnPage((await assistant.get(`/episodes/${episode}/record`)).body).find((n) => n.id === ids.assessment)!;
    const [before, details] = note.html.split('<details');
    expect(details).toBeDefined();
    // The first three lines, each on its own line; the rest is not in the preview.
    expect(before).toContain('S: Mrs B says she is tired in the afternoons and worries about falling in the kitchen.<br />');
    expect(text(before!)).toContain('A: Improving since discharge; kitchen tasks are the priority…');
    expect(text(before!)).not.toContain('Perching stool');
    expect(text(details!)).toMatch(/^class="nhsuk-details hw-note__more"> Read the whole note: Assessment, /);
    // The whole note, escaped as typed.
    expect(text(details!)).toContain('P: Perching stool and trolley to be ordered; review on Friday with her daughter present.');
    expect(details).toContain('the stool can go &lt;by the window&gt;, away from the back door.');
    // A short note is shown whole, with nothing to open.
    const short = notesOnPage((await assistant.get(`/episodes/${episode}/record`)).body).find((n) => n.id === ids.telephone)!;
    expect(short.html).not.toContain('<details');
  });

  it('shows an amended note’s amended text as current, marked with who amended it and why, and keeps the original beneath', async () => {
    const note = notesOnPage((await assistant.get(`/episodes/${episode}/record`)).body).find((n) => n.id === ids.treatment)!;
    const [current, earlier] = note.html.split('<details');
    const amendedTag = /nhsuk-tag--grey">\s*Amended\s*</;
    expect(current).toMatch(amendedTag);
    expect(text(current!)).toContain('Amended ' + formatUkDateTime(t.clock.now()) + ' by Alex assistant practitioner, Therapy assistant practitioner. Reason: Wrong level of assistance recorded');
    expect(text(current!)).toContain('Kitchen practice: made a hot drink on her own, carried it in a lidded mug.');
    expect(text(current!)).not.toContain('with supervision');
    expect(text(earlier!)).toContain('The original entry');
    expect(text(earlier!)).toContain('Original entry (version 1)');
    expect(text(earlier!)).toContain('Kitchen practice: made a hot drink with supervision.');
    expect(earlier).toContain(`href="/contact-notes/${ids.treatment}"`);
    // Notes nobody amended carry no such mark.
    const plain = notesOnPage((await assistant.get(`/episodes/${episode}/record`)).body).find((n) => n.id === ids.assessment)!;
    expect(plain.html).not.toMatch(amendedTag);
  });

  it('audits the read of every note it shows', async () => {
    const before = await t.db.selectFrom('audit_events').select('seq').orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    await assistant.get(`/episodes/${episode}/record`);
    const events = await t.db.selectFrom('audit_events').selectAll().where('seq', '>', before.seq).where('record_kind', '=', 'contact-note').where('action', '=', 'read').execute();
    expect(events).toHaveLength(1);
    expect(JSON.stringify(events[0]!.detail)).toContain(ids.late);
    for (const id of Object.values(ids)) expect(JSON.stringify(events[0]!.detail)).toContain(id);
  });
});
