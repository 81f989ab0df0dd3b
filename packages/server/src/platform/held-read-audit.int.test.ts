// Patient/$everything reads a dozen kinds of record; their read-audit events are held and written in
// one INSERT before the response (issue 18's 200 ms goal: a quarter of its queries were these inserts).
// What must still hold: nothing read is shown unaudited, and refusals are never held.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditAs, staffActor, withHeldReadAudit } from './actor.ts';
import { bootTestApp, type TestApp } from '../../test/test-app.ts';

describe('held read audit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootTestApp();
  });
  afterAll(() => t.close());

  const actor = () => {
    const s = t.service.a['registered-therapist'];
    return staffActor({ staff: { staffId: s.id, name: 'Test therapist', role: s.role, teamId: s.teamId }, config: t.config, via: 'test:held-read-audit' });
  };
  const eventsBy = (via: string) =>
    t.db.selectFrom('audit_events').select(['action', 'outcome', 'record_kind', 'seq']).where('staff_id', '=', t.service.a['registered-therapist'].id).where('record_id', 'like', `${via}%`).orderBy('seq').execute();

  it('writes allowed reads together when the reading ends, and refusals at once', async () => {
    const a = actor();
    const seenInside: string[][] = [];
    const result = await withHeldReadAudit(a, t.db, async () => {
      await auditAs(a, t.db, { action: 'read', outcome: 'allowed', recordKind: 'goal', recordId: 'held-1' });
      await auditAs(a, t.db, { action: 'read', outcome: 'refused', recordKind: 'note', recordId: 'held-1-refused' });
      await auditAs(a, t.db, { action: 'read', outcome: 'allowed', recordKind: 'consent', recordId: 'held-1' });
      seenInside.push((await eventsBy('held-1')).map((e) => `${e.outcome} ${e.record_kind}`));
      return 'read';
    });
    expect(result).toBe('read');
    // While reading, only the refusal is in the log (the held reads are not yet written).
    expect(seenInside).toEqual([['refused note']]);
    const after = await eventsBy('held-1');
    expect(after.map((e) => `${e.outcome} ${e.record_kind}`)).toEqual(['refused note', 'allowed goal', 'allowed consent']);
    expect(a.heldReadAudit).toBeNull();
  });

  it('drops the held reads when the reading fails (nothing read was shown), and holds nothing afterwards', async () => {
    const a = actor();
    await expect(
      withHeldReadAudit(a, t.db, async () => {
        await auditAs(a, t.db, { action: 'read', outcome: 'allowed', recordKind: 'goal', recordId: 'held-2' });
        throw new Error('the database went away');
      }),
    ).rejects.toThrow('the database went away');
    expect(await eventsBy('held-2')).toEqual([]);
    await auditAs(a, t.db, { action: 'read', outcome: 'allowed', recordKind: 'goal', recordId: 'held-2-later' });
    expect((await eventsBy('held-2')).map((e) => e.record_kind)).toEqual(['goal']);
  });
});
