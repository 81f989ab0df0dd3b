// The rota's readers, on rows written straight to the tables: what the planner and lone working get.
// The story through the pages and the API is rota.int.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { bootTestApp, type TestApp } from '../../test/test-app.ts';
import { readOnCall, readRotaForDates } from './public.ts';

let t: TestApp;
beforeAll(async () => {
  t = await bootTestApp();
});
afterAll(() => t.close());

describe('readRotaForDates and readOnCall', () => {
  it('gives each clinical member of the team each day, from pattern, exceptions and bank holidays', async () => {
    const now = t.clock.now();
    const lead = t.service.a['clinical-lead'].id;
    const therapist = t.service.a['registered-therapist'].id;
    const worker = t.service.a['support-worker'].id;
    const stamps = { created_at: now, created_by: lead, updated_at: now, updated_by: lead };
    await t.db.updateTable('teams').set({ base_latitude: 53.02, base_longitude: -2.19 }).where('id', '=', t.service.teamA).execute();
    await t.db.updateTable('staff').set({ skills: JSON.stringify(['hoist-competent']) }).where('id', '=', worker).execute();
    await t.db
      .insertInto('staff_competences')
      .values({ id: uuidv7(), staff_id: worker, competence: 'kitchen-practice', assessed_on: '2026-11-20', note: null, recorded_at: now, recorded_by: therapist, recorded_by_role: 'registered-therapist' })
      .execute();
    const weekdays = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '08:30', end: '16:30', breakMinutes: 30 }));
    await t.db
      .insertInto('rota_patterns')
      .values([
        { id: uuidv7(), staff_id: therapist, team_id: t.service.teamA, week: JSON.stringify(weekdays), starts_from: 'home', car_driver: true, home_latitude: 53.05, home_longitude: -2.2, work_phone: '07700 900001', ...stamps },
        { id: uuidv7(), staff_id: worker, team_id: t.service.teamA, week: JSON.stringify(weekdays), starts_from: 'base', car_driver: false, ...stamps },
      ])
      .execute();
    await t.db
      .insertInto('rota_exceptions')
      .values([
        { id: uuidv7(), staff_id: therapist, team_id: t.service.teamA, kind: 'annual-leave', starts_on: '2026-12-22', ends_on: '2026-12-24', ...stamps },
        { id: uuidv7(), staff_id: worker, team_id: t.service.teamA, kind: 'extra-shift', starts_on: '2026-12-26', ends_on: '2026-12-26', start_time: '09:00', end_time: '15:00', ...stamps },
        { id: uuidv7(), staff_id: worker, team_id: t.service.teamA, kind: 'sickness', starts_on: '2026-12-21', ends_on: '2026-12-21', cancelled_at: now, cancelled_by: lead, ...stamps },
      ])
      .execute();

    const days = await readRotaForDates(t.db, { teamId: t.service.teamA, from: '2026-12-21', to: '2026-12-28' });
    const of = (staffId: string, date: string) => days.find((d) => d.staffId === staffId && d.date === date)!;
    // Every active clinical role of team A (six), each of the eight days; administrators and privacy officers are not on the rota.
    expect(days).toHaveLength(6 * 8);
    expect(days.some((d) => d.staffId === t.service.a.administrator.id)).toBe(false);

    expect(of(therapist, '2026-12-21')).toMatchObject({ shift: { start: '08:30', end: '16:30', breakMinutes: 30 }, registered: true, startsFrom: 'home', start: { lat: 53.05, lon: -2.2 }, workPhone: '07700 900001' });
    expect(of(therapist, '2026-12-23')).toMatchObject({ shift: null, notWorkingBecause: 'annual-leave' });
    expect(of(therapist, '2026-12-25')).toMatchObject({ shift: null, notWorkingBecause: 'bank-holiday' });
    expect(of(therapist, '2026-12-28')).toMatchObject({ shift: null, notWorkingBecause: 'bank-holiday' });
    // The support worker: cancelled sickness does not count; Saturday's cover; no pattern base, so the team's.
    expect(of(worker, '2026-12-21')).toMatchObject({ shift: { start: '08:30', end: '16:30' }, registered: false, carDriver: false, start: { lat: 53.02, lon: -2.19 } });
    expect(of(worker, '2026-12-26')).toMatchObject({ shift: { start: '09:00', end: '15:00', breakMinutes: 0 }, cover: true });
    expect(of(worker, '2026-12-27')).toMatchObject({ shift: null, notWorkingBecause: 'day-off' });
    expect(of(worker, '2026-12-21').skills).toEqual(['hoist-competent', 'kitchen-practice']);
    // Someone with no pattern yet is on the list, not working.
    expect(of(lead, '2026-12-21')).toMatchObject({ shift: null, notWorkingBecause: 'day-off', startsFrom: 'base' });

    expect(await readOnCall(t.db, { teamId: t.service.teamA, date: '2026-12-25' })).toBeNull();
    await t.db.insertInto('rota_on_call').values({ id: uuidv7(), team_id: t.service.teamA, on_date: '2026-12-25', staff_id: therapist, manager_staff_id: lead, ...stamps }).execute();
    expect(await readOnCall(t.db, { teamId: t.service.teamA, date: '2026-12-25' })).toMatchObject({
      teamId: t.service.teamA,
      date: '2026-12-25',
      staffId: therapist,
      name: 'Alex registered therapist',
      managerStaffId: lead,
      managerName: 'Alex clinical lead',
    });
  });
});
