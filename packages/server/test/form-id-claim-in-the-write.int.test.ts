// A form id is claimed in the same transaction as the write it guards. If Homeward dies between the
// claim and the write, neither is kept, so sending the form again saves it: the repeat is not sent to
// a confirmation of something that was never saved, nor refused as "still being saved".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { staffActor } from '../src/platform/actor.ts';
import { writeOnceAs } from '../src/platform/write-once.ts';
import { bootTestApp, type TestApp } from './test-app.ts';

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
});
