// A form id is claimed in the same transaction as the write it guards. If Homeward dies between the
// claim and the write, neither is kept, so sending the form again saves it: the repeat is not sent to
// a confirmation of something that was never saved, nor refused as "still being saved".
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { testNhsNumberForIndex } from '../src/demo/generate-demo-data.ts';
import { staffActor } from '../src/platform/actor.ts';
import { writeOnceAs } from '../src/platform/write-once.ts';
import { seedEpisode } from './seed-episode.ts';
import { bootTestApp, patientDetails, type TestApp } from './test-app.ts';

describe('a form id claimed with its write', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootTestApp();
  });
  afterAll(async () => t?.close());

  it('keeps nothing of a send that died after claiming, so the repeat saves the form once', async () => {
    const lead = t.service.a['clinical-lead'];
    const actor = staffActor({ staff: { staffId: lead.id, name: 'Lead', role: lead.role, teamId: lead.teamId }, config: t.config, via: 'test' });
    const formId = uuidv7();
    const teamId = uuidv7();
    const send = (die: boolean) =>
      writeOnceAs(t.db, {
        actor,
        formId,
        requestHash: 'the same answers',
        write: async (trx) => {
          await trx.insertInto('teams').values({ id: teamId, name: 'Stone community team', base_location: 'Stone' }).execute();
          // The process dies here: the transaction never commits.
          if (die) throw new Error('killed');
          return `/teams/${teamId}`;
        },
      });
    await expect(send(true)).rejects.toThrow('killed');
    const claims = () => t.db.selectFrom('idempotency_keys').select('key').where('key', '=', `form:${formId}`).execute();
    expect(await claims()).toEqual([]);
    expect(await send(false)).toBe(`/teams/${teamId}`);
    // A third send is a repeat of a saved form: its confirmation, and nothing written again.
    expect(await send(false)).toBe(`/teams/${teamId}`);
    expect(await t.db.selectFrom('teams').select('id').where('id', '=', teamId).execute()).toHaveLength(1);
    expect(await claims()).toHaveLength(1);
  });

  it('keeps neither the claim nor the note of a contact note form whose send died in the write', async () => {
    const assistant = await t.signIn(t.service.a['assistant-practitioner']);
    const patientId = (await assistant.post('/api/patients', patientDetails({ nhsNumber: testNhsNumberForIndex(71_201) }))).json().id as string;
    const episode = await seedEpisode(t, { patientId, service: 'd2a-pathway-1', allocatedTo: t.service.a['assistant-practitioner'].id });
    const url = `/episodes/${episode}/contact-notes/new`;
    const formId = /name="formId" value="([0-9a-f-]{36})"/.exec((await assistant.get(url)).body)?.[1];
    expect(formId).toBeDefined();
    const fields = { formId: formId!, kind: 'telephone', 'occurredAt-day': '24', 'occurredAt-month': '11', 'occurredAt-year': '2026', 'occurredAt-time': '08:30', durationMinutes: '10', body: 'Phoned to arrange the first visit', action: 'finalise' };
    const notes = () => t.db.selectFrom('contact_notes').select('id').where('episode_id', '=', episode).execute();
    const claims = () => t.db.selectFrom('idempotency_keys').select('key').where('key', '=', `form:${formId}`).execute();
    // Homeward dies while writing the note: the note's insert fails, and nothing after it runs, so
    // nothing cleans up either (a claim cannot be deleted while this lasts).
    await sql`create function die_in_the_write() returns trigger language plpgsql as $$ begin raise exception 'killed'; end $$`.execute(t.db);
    await sql`create trigger no_clean_up before delete on idempotency_keys for each row execute function die_in_the_write()`.execute(t.db);
    await sql`create trigger dies_writing_the_note before insert on contact_notes for each row execute function die_in_the_write()`.execute(t.db);
    try {
      expect((await assistant.form(url, fields)).statusCode).toBe(500);
      await sql`drop trigger dies_writing_the_note on contact_notes`.execute(t.db);
      expect(await notes()).toEqual([]);
      expect(await claims()).toEqual([]);
      // Sent again after the restart: saved once, and a third send goes to the same note.
      const saved = await assistant.form(url, fields);
      expect(saved.statusCode).toBe(303);
      const repeat = await assistant.form(url, fields);
      expect(repeat.statusCode).toBe(303);
      expect(repeat.headers.location).toBe(saved.headers.location);
      expect(await notes()).toHaveLength(1);
      expect(await claims()).toHaveLength(1);
    } finally {
      await sql`drop trigger if exists dies_writing_the_note on contact_notes`.execute(t.db);
      await sql`drop trigger no_clean_up on idempotency_keys`.execute(t.db);
      await sql`drop function die_in_the_write()`.execute(t.db);
    }
  });

  it('keeps no claim of an Idempotency-Key whose write died, so the API retry with that key writes the note once', async () => {
    const assistant = await t.signIn(t.service.a['assistant-practitioner']);
    const patientId = (await assistant.post('/api/patients', patientDetails({ nhsNumber: testNhsNumberForIndex(71_202) }))).json().id as string;
    const episode = await seedEpisode(t, { patientId, service: 'd2a-pathway-1', allocatedTo: t.service.a['assistant-practitioner'].id });
    const key = `retry-${uuidv7()}`;
    const note = { kind: 'telephone', occurredAt: new Date(t.clock.now().getTime() - 3_600_000).toISOString(), durationMinutes: 10, body: 'Phoned to arrange the first visit' };
    const send = () => assistant.post(`/api/episodes/${episode}/contact-notes`, note, { 'idempotency-key': key });
    const notes = () => t.db.selectFrom('contact_notes').select('id').where('episode_id', '=', episode).execute();
    const claims = () => t.db.selectFrom('idempotency_keys').select(['key', 'status_code']).where('key', '=', key).execute();
    await sql`create function die_in_the_api_write() returns trigger language plpgsql as $$ begin raise exception 'killed'; end $$`.execute(t.db);
    await sql`create trigger dies_writing_the_api_note before insert on contact_notes for each row execute function die_in_the_api_write()`.execute(t.db);
    try {
      expect((await send()).statusCode).toBe(500);
      await sql`drop trigger dies_writing_the_api_note on contact_notes`.execute(t.db);
      expect(await notes()).toEqual([]);
      expect(await claims()).toEqual([]);
      // The client retries with the same key: the note is written now, not answered from a claim
      // that outlived its write.
      const saved = await send();
      expect(saved.statusCode, saved.body).toBe(201);
      expect(saved.json()).toMatchObject({ status: 'draft', current: { body: note.body } });
      const repeat = await send();
      expect(repeat.statusCode).toBe(201);
      expect(repeat.headers['idempotent-replayed']).toBe('true');
      expect(repeat.json().id).toBe(saved.json().id);
      expect(await notes()).toEqual([{ id: saved.json().id }]);
      expect(await claims()).toEqual([{ key, status_code: 201 }]);
    } finally {
      await sql`drop trigger if exists dies_writing_the_api_note on contact_notes`.execute(t.db);
      await sql`drop function die_in_the_api_write()`.execute(t.db);
    }
  });
});
