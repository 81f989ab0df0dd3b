// The climb of a raised alert up its team's ladder (issue 14 #5, #8). Each rung fires once: the alert's
// row is locked, a rung already reached (or an alert acknowledged or closed) is left alone, and the
// unique index on the rung's event makes a doubled timer harmless. A rung that names nobody on the rota
// is recorded as skipped and the climb goes straight on to the next one.
import type { Kysely, Selectable } from 'kysely';
import { formatUkDateTime, formatUkPhone, nextRungFor, riskFlagLabels, rungDueAt, rungsFor, whoIsTold, type LadderRung } from '@homeward/clinical';
import { findPatient } from '../patients/public.ts';
import { uuidv7 } from 'uuidv7';
import type { Database, LoneWorkingAlertsTable } from '../db/schema.ts';
import type { AnyActor } from '../platform/actor.ts';
import { enqueueJob } from '../platform/jobs.ts';
import { alertKindLabels, alertTitle } from './alert-words.ts';
import { createNotification } from './notify-rung.ts';
import { lockAlertRow } from './read-alerts.ts';
import { readTeamLadder } from './read-team-ladder.ts';
import { readRungFacts, type RungFactsOfDay } from './rung-facts.ts';
import { loneWorkingJobKinds } from './lone-working-types.ts';
import { timerAttempts } from './timer-attempts.ts';

const rungKinds = ['raised', 'escalated', 'skipped-level'] as const;

export type EscalatePayload = { alertId: string; level: number; dueAt: string };

/** Writes a rung's event once; false when it was already written (a retried or doubled timer). */
async function writeRungEvent(trx: Kysely<Database>, o: { alertId: string; kind: (typeof rungKinds)[number]; level: number; at: Date; dueAt: Date; detail: unknown }): Promise<boolean> {
  const inserted = await trx
    .insertInto('lone_working_alert_events')
    .values({ id: uuidv7(), alert_id: o.alertId, at: o.at, kind: o.kind, level: o.level, by_staff_id: null, due_at: o.dueAt, detail: JSON.stringify(o.detail) })
    .onConflict((oc) => oc.columns(['alert_id', 'level']).where('kind', 'in', rungKinds).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** Fires the rung now when it is due, else leaves a timer for it (keyed by its due time). */
export async function scheduleRung(trx: Kysely<Database>, o: { actor: AnyActor; alertId: string; level: number; dueAt: Date }): Promise<void> {
  if (o.dueAt.getTime() <= o.actor.now.getTime()) {
    await fireRung(trx, o);
    return;
  }
  const payload: EscalatePayload = { alertId: o.alertId, level: o.level, dueAt: o.dueAt.toISOString() };
  await enqueueJob(trx, { kind: loneWorkingJobKinds.escalate, key: `${o.alertId}:${o.level}:${payload.dueAt}`, payload, now: o.actor.now, runAt: o.dueAt, maxAttempts: timerAttempts, createdBy: null });
}

/**
 * Raises a locked alert row now (a missed check, an amber run out, a red or duress): its 'raised' event
 * (level 0, with the time it was due) and the first rung of its ladder, fired at once when due.
 */
export async function raiseLockedAlert(trx: Kysely<Database>, o: { actor: AnyActor; row: Selectable<LoneWorkingAlertsTable>; dueAt: Date; detail?: unknown }): Promise<void> {
  const now = o.actor.now;
  const written = await writeRungEvent(trx, { alertId: o.row.id, kind: 'raised', level: 0, at: now, dueAt: o.dueAt, detail: o.detail ?? {} });
  if (!written) return;
  await trx
    .updateTable('lone_working_alerts')
    .set((eb) => ({ status: 'raised', raised_at: now, version: eb('version', '+', 1), updated_at: now, updated_by: o.actor.staff?.staffId ?? null }))
    .where('id', '=', o.row.id)
    .execute();
  const ladder = await readTeamLadder(trx, o.row.team_id);
  const first = nextRungFor(ladder.rungs, o.row.kind, 0);
  // The ladder's times run from when the alert was due, not from when a (late) timer raised it, so one late timer is not carried up every rung.
  if (first) await scheduleRung(trx, { actor: o.actor, alertId: o.row.id, level: first.level, dueAt: rungDueAt(ladder.rungs, o.row.kind, o.dueAt, first) });
}

export type FireRungResult = 'fired' | 'skipped' | 'moved-on';

/** Climbs a raised alert to the rung at `level` (or the next one above it, if the ladder has changed). */
export async function fireRung(trx: Kysely<Database>, o: { actor: AnyActor; alertId: string; level: number; dueAt: Date }): Promise<FireRungResult> {
  const now = o.actor.now;
  const row = await lockAlertRow(trx, o.alertId);
  // Acknowledged, closed, or already at this rung or above: the state has moved on.
  if (!row || row.status !== 'raised' || row.raised_at === null || row.level >= o.level) return 'moved-on';
  const ladder = await readTeamLadder(trx, row.team_id);
  const rung = rungsFor(ladder.rungs, row.kind).find((r) => r.level >= o.level);
  if (!rung) return 'moved-on';
  const facts = await readRungFacts(trx, { teamId: row.team_id, clinicianStaffId: row.staff_id, now });
  const people = whoIsTold(rung.who, facts);
  const told = people.staffIds.map((id) => facts.people.get(id)).filter((p) => p !== undefined);
  const skipped = told.length === 0;
  const detail = {
    who: rung.who,
    because: people.because,
    told: told.map((p) => ({ staffId: p.staffId, name: p.name, sms: p.workPhone !== null, ...(p.workPhone === null ? { noPhone: true } : {}) })),
    // Set on call but not counted today (on leave, off sick, no longer working): kept, so the history says why.
    ...(rung.who !== 'clinician' && facts.passedOver.some((p) => p.as === rung.who) ? { passedOver: facts.passedOver.filter((p) => p.as === rung.who) } : {}),
  };
  const written = await writeRungEvent(trx, { alertId: row.id, kind: skipped ? 'skipped-level' : 'escalated', level: rung.level, at: now, dueAt: o.dueAt, detail });
  if (!written) return 'moved-on';
  // The climb is not a change anyone made: the version stays, so a responder's acknowledgement is not refused because the timer moved on.
  await trx.updateTable('lone_working_alerts').set({ level: rung.level, updated_at: now }).where('id', '=', row.id).execute();
  if (!skipped) {
    const text = await alertText(trx, { row, rung, facts });
    const title = alertTitle({ kind: row.kind, clinicianName: facts.people.get(row.staff_id)?.name ?? 'a clinician', rungWho: rung.who });
    for (const person of told) {
      await createNotification(trx, {
        config: o.actor.config,
        now,
        notification: {
          staffId: person.staffId,
          teamId: row.team_id,
          alertId: row.id,
          kind: 'lone-working-alert',
          urgent: true,
          title,
          body: text.body,
          smsText: [title, text.sms].join('\n'),
          link: rung.who === 'clinician' ? '/notifications' : `/lone-working/alerts/${row.id}`,
          email: person.email,
          phone: person.workPhone,
        },
      });
    }
  }
  const next = nextRungFor(ladder.rungs, row.kind, rung.level);
  if (skipped && !next) await tellTeamWhenNobodyWas(trx, { actor: o.actor, row, rung, facts });
  if (next) {
    // Nobody at this rung: the next is due now, not at its usual time.
    const dueAt = skipped ? now : rungDueAt(ladder.rungs, row.kind, new Date(row.due_at), next);
    await scheduleRung(trx, { actor: o.actor, alertId: row.id, level: next.level, dueAt });
  }
  return skipped ? 'skipped' : 'fired';
}

/**
 * The top of the ladder reached with no responder or manager told at any rung (nobody on call, no lead
 * working, no manager): rather than sit raised with at most the clinician told, the alert goes at once to
 * every clinical lead and service manager of the team, whatever the rota says, and the history says so.
 */
async function tellTeamWhenNobodyWas(trx: Kysely<Database>, o: { actor: AnyActor; row: Selectable<LoneWorkingAlertsTable>; rung: LadderRung; facts: RungFactsOfDay }): Promise<void> {
  const rungs = await trx.selectFrom('lone_working_alert_events').select(['detail']).where('alert_id', '=', o.row.id).where('kind', '=', 'escalated').execute();
  const detailOf = (d: unknown) => (typeof d === 'string' ? JSON.parse(d) : d) as { who?: string };
  if (rungs.some((e) => detailOf(e.detail).who !== 'clinician')) return;
  const people = await trx
    .selectFrom('staff')
    .select(['id', 'given_name', 'family_name', 'email'])
    .where('team_id', '=', o.row.team_id)
    .where('homeward_role', 'in', ['clinical-lead', 'service-manager'])
    .where('active', '=', true)
    .where('id', '<>', o.row.staff_id)
    .orderBy('family_name')
    .execute();
  const now = o.actor.now;
  await trx
    .insertInto('lone_working_alert_events')
    .values({ id: uuidv7(), alert_id: o.row.id, at: now, kind: 'action', level: null, by_staff_id: null, due_at: null, detail: JSON.stringify({ nobodyOnTheLadder: true, told: people.map((p) => ({ staffId: p.id, name: `${p.given_name} ${p.family_name}` })) }) })
    .execute();
  if (people.length === 0) return;
  const text = await alertText(trx, { row: o.row, rung: { ...o.rung, who: 'responder' }, facts: o.facts });
  const title = `Nobody on the rota to respond: ${alertTitle({ kind: o.row.kind, clinicianName: o.facts.people.get(o.row.staff_id)?.name ?? 'a clinician', rungWho: 'responder' })}`;
  for (const p of people) {
    await createNotification(trx, {
      config: o.actor.config,
      now,
      notification: { staffId: p.id, teamId: o.row.team_id, alertId: o.row.id, kind: 'lone-working-alert', urgent: true, title, body: text.body, smsText: [title, text.sms].join('\n'), link: `/lone-working/alerts/${o.row.id}`, email: p.email, phone: o.facts.people.get(p.id)?.workPhone ?? null },
    });
  }
}

/**
 * What a person told reads: in the app and the email the whole of it (who, what, since when, where, the
 * house's phone, the patient's risk flags, the clinician's phone and car, what to do); in a text the few
 * facts to act on at once, the link bringing the rest. A missing work phone is said, never left out: the
 * instructions ask for it.
 */
async function alertText(trx: Kysely<Database>, o: { row: Selectable<LoneWorkingAlertsTable>; rung: LadderRung; facts: RungFactsOfDay }): Promise<{ body: string; sms: string }> {
  const clinician = o.facts.people.get(o.row.staff_id);
  const session = o.row.session_id
    ? await trx.selectFrom('lone_working_sessions').select(['place', 'expected_start', 'expected_end', 'patient_id']).where('id', '=', o.row.session_id).executeTakeFirst()
    : undefined;
  const patient = session?.patient_id ? await findPatient(trx, session.patient_id) : null;
  const responder = o.rung.who !== 'clinician';
  const flags = patient && patient.riskFlags.length ? patient.riskFlags.map((f) => riskFlagLabels[f] ?? f).join(', ') : null;
  const house = patient ? (patient.phone ? `Call the house: ${formatUkPhone(patient.phone)}.` : 'No phone recorded for the house.') : null;
  const workPhone = clinician?.workPhone ? `Work phone: ${clinician.workPhone}.` : 'No work phone recorded.';
  const lines = [
    `${alertKindLabels[o.row.kind]} for ${clinician?.name ?? 'a clinician'}, since ${formatUkDateTime(o.row.raised_at ?? o.row.due_at)}.`,
    session ? `Where: ${session.place} (visit expected ${formatUkDateTime(session.expected_start)} to ${formatUkDateTime(session.expected_end)}).` : null,
    responder ? house : null,
    responder && flags ? `Patient’s risk flags: ${flags}.` : null,
    o.row.note ? `Their note: ${o.row.note}` : null,
    responder ? workPhone : null,
    responder && clinician?.carDescription ? `Car: ${clinician.carDescription}.` : null,
    `What to do: ${o.rung.instructions}`,
  ];
  const sms = responder
    ? [session ? `At ${session.place}.` : null, house, flags ? `Risks: ${flags}.` : null, workPhone, clinician?.carDescription ? `Car: ${clinician.carDescription}.` : null]
    : [o.rung.instructions];
  return { body: lines.filter((l) => l !== null).join('\n'), sms: sms.filter((l) => l !== null).join(' ') };
}
