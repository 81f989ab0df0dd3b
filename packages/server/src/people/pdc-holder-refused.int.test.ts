// Starting a PDC with someone the lead may not hold one for (moved to another team since the list was
// shown, or no member of staff at all): the form comes back with the problem on the member of staff in
// the error summary and the summary of the conversation kept. Nothing is written; a refusal is audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { bootTestApp, type TestApp, type TestClient } from '../../test/test-app.ts';

describe('starting a PDC with someone not in the team', () => {
  let t: TestApp;
  let lead: TestClient;
  afterAll(async () => t?.close());

  beforeAll(async () => {
    t = await bootTestApp();
    lead = await t.signIn(t.service.a['clinical-lead']);
  });

  const form = (staffId: string) => ({
    formId: uuidv7(), staffId, 'heldOn-day': '20', 'heldOn-month': '11', 'heldOn-year': '2026', 'nextReviewOn-day': '20', 'nextReviewOn-month': '5', 'nextReviewOn-year': '2027',
    summary: 'A strong year on the falls pathway; wants to lead the group next spring',
  });

  it('says so on the member of staff and keeps the summary typed', async () => {
    const shown = await lead.get('/pdc/new');
    expect(shown.statusCode).toBe(200);
    // The therapist moves to the other team after the form was shown.
    const therapist = t.service.a['registered-therapist'].id;
    await t.db.updateTable('staff').set({ team_id: t.service.teamB }).where('id', '=', therapist).execute();
    const moved = await lead.form('/pdc/new', form(therapist));
    expect(moved.statusCode, moved.body).toBe(403);
    expect(moved.body).toContain('There is a problem');
    expect(moved.body).toContain('href="#staffId"');
    expect(moved.body).toContain('is not an active member of your team');
    expect(moved.body).toContain('A strong year on the falls pathway; wants to lead the group next spring');
    const refusals = await t.db.selectFrom('audit_events').select(['action', 'outcome', 'detail']).where('record_kind', '=', 'pdc').where('outcome', '=', 'refused').execute();
    expect(refusals).toContainEqual(expect.objectContaining({ action: 'write', detail: expect.objectContaining({ rule: 'pdc-holder', staffId: therapist }) }));

    // No such member of staff (a hand-edited form): the same, as bad input.
    const nobody = await lead.form('/pdc/new', form(uuidv7()));
    expect(nobody.statusCode, nobody.body).toBe(400);
    expect(nobody.body).toContain('href="#staffId"');
    expect(nobody.body).toContain('Choose a member of your team from the list');
    expect(nobody.body).toContain('A strong year on the falls pathway; wants to lead the group next spring');
    expect(await t.db.selectFrom('pdc_records').select('id').execute()).toHaveLength(0);
  });
});
