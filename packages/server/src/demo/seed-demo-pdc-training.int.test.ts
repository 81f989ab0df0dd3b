// The demo's year of training and PDCs, written through the rules on a real database: courses and the
// matrix, quarterly ESR imports confirmed, a mix of red, amber and green, and PDCs agreed or waiting.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootTestApp, type TestApp } from '../../test/test-app.ts';
import { seedDemoTeam, type DemoSeed } from './seed-demo-data.ts';
import { readTeamTraining } from '../people/training-queries.ts';
import { summariseCompliance } from '../people/compliance-summary.ts';
import { seedDemoPdcAndTraining } from './seed-demo-pdc-training.ts';

describe('the demo’s training and PDCs', () => {
  let t: TestApp;
  let demo: DemoSeed;
  beforeAll(async () => {
    t = await bootTestApp();
    demo = await seedDemoTeam(t.db, { seed: 7, now: t.clock.now(), config: t.config, hashPassword: async () => 'scrypt$test' });
  });
  afterAll(() => t.close());

  it('imports a year of completions in four confirmed imports, leaving some red and amber', async () => {
    const imports = await t.db.selectFrom('training_imports').select(['status', 'created_at']).execute();
    expect(imports.length).toBeGreaterThanOrEqual(4);
    expect(imports.every((i) => i.status === 'confirmed')).toBe(true);
    const north = demo.teams[0]!;
    const { overall } = summariseCompliance(await readTeamTraining(t.db, { teamId: north.id, today: '2026-11-24' }));
    expect(overall.inDate).toBeGreaterThan(overall.overdue);
    expect(overall.overdue).toBeGreaterThan(0);
    expect(overall.dueSoon).toBeGreaterThan(0);
  });

  it('holds a PDC with each member of the team, most agreed by both', async () => {
    const pdcs = await t.db.selectFrom('pdc_records').select(['status']).execute();
    expect(pdcs.length).toBeGreaterThan(8);
    expect(pdcs.filter((p) => p.status === 'agreed').length).toBeGreaterThan(pdcs.length / 2);
    expect(pdcs.some((p) => p.status === 'draft')).toBe(true);
  });

  it('writes nothing the second time', async () => {
    const before = (await t.db.selectFrom('training_completions').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n;
    await seedDemoPdcAndTraining(t.db, { demo, now: t.clock.now(), config: t.config });
    expect((await t.db.selectFrom('training_completions').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n).toBe(before);
  });
});
