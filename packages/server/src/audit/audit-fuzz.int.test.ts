// Fuzzing the audit writer (seeded and bounded, so it runs the same in CI every time): odd but valid
// inputs, in every way a value can be spelt differently from how the database keeps it. After all of
// it, the audit seals and verifies, whatever the session's time zone or date style; and the seal
// tells apart what only looks the same (a name in another Unicode normalisation form).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import { uuidv7 } from 'uuidv7';
import type { Database } from '../db/schema.ts';
import { createRandom } from '../demo/seeded-random.ts';
import { auditActions, type AuditEventInput } from '../platform/audit-event.ts';
import { recordAuditEvent } from '../platform/record-audit-event.ts';
import { sealAuditLog } from '../audit/seal-audit-log.ts';
import { verifyAuditLog } from '../audit/verify-audit-log.ts';
import { behindTheTriggers, problemMessages, sealAndVerify } from '../../test/audit-log-helpers.ts';
import { bootTestApp, patientDetails, type TestApp } from '../../test/test-app.ts';

const seed = 20261204;
const events = 240;

type Random = () => number;
const pick = <T,>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

/** A UUID as PostgreSQL accepts it but does not store it: any case, braces, no hyphens. */
function oddUuid(random: Random, id = uuidv7()): string {
  const cased = [...id].map((c) => (random() < 0.5 ? c.toUpperCase() : c)).join('');
  return pick(random, [cased, cased.toUpperCase(), `{${cased}}`, cased.replaceAll('-', ''), id]);
}

const oddTexts = [
  'Zo\u00eb Smith', // é composed (NFC)
  'Zoe\u0308 Smith', // the same name decomposed (NFD)
  '\uFB01le', // a ligature NFKC would change
  '  padded  ',
  'tab\tand\nnewline\r\n',
  'non\u00a0breaking\u3000ideographic space',
  'zero\u200bwidth\u200cjoiner\u200d\ufeff',
  '\u202eright to left\u202c',
  'emoji 👩🏽‍⚕️ 🇬🇧 🏳️‍🌈',
  'nul \u0000 byte',
  'lone \ud800 surrogate',
  'line\u2028separator\u2029',
  'quote " backslash \\ slash /',
  '\u00c5ngstr\u00f6m \u212bngstr\u00f6m', // Å and the Ångström sign
  'x'.repeat(5000),
  '',
];

const oddNumbers = [1e21, -0, 0.1 + 0.2, 1.5e-7, Number.MAX_SAFE_INTEGER + 2, 1.2345678901234568e29, -1e-300, 5e-324, 1.7976931348623157e308, NaN, Infinity, 2 ** 53, 100, 1.0];

function oddValue(random: Random, depth: number): unknown {
  const roll = random();
  if (depth > 3 || roll < 0.3) return pick(random, oddTexts);
  if (roll < 0.55) return pick(random, oddNumbers);
  if (roll < 0.6) return pick(random, [true, false, null, 10n ** 25n]);
  if (roll < 0.75) return Array.from({ length: Math.floor(random() * 5) }, () => oddValue(random, depth + 1));
  return oddDetail(random, depth + 1);
}

function oddDetail(random: Random, depth = 0): Record<string, unknown> {
  const detail: Record<string, unknown> = {};
  const keys = depth === 0 && random() < 0.1 ? 200 : Math.floor(random() * 6);
  for (let i = 0; i < keys; i += 1) {
    const key = pick(random, ['basis', 'é', 'e\u0301', 'Z', 'a', 'aa', 'b', '', ' ', 'key\u0000nul', '👍', 'patientIds', `k${i}`]);
    detail[key] = oddValue(random, depth);
  }
  return detail;
}

function oddEvent(random: Random): AuditEventInput {
  const maybe = <T,>(make: () => T): T | null => (random() < 0.25 ? null : make());
  return {
    staffId: maybe(() => oddUuid(random)),
    staffRole: maybe(() => pick(random, [...oddTexts, 'registered-therapist'])),
    action: pick(random, auditActions),
    outcome: pick(random, ['allowed', 'refused', 'failed'] as const),
    patientId: maybe(() => oddUuid(random)),
    recordKind: maybe(() => pick(random, oddTexts)),
    recordId: maybe(() => oddUuid(random)),
    reason: maybe(() => pick(random, oddTexts)),
    ip: maybe(() => pick(random, ['127.0.0.1', '::1', '::FFFF:10.0.0.1', 'FE80::1%eth0', ' 10.0.0.1 '])),
    userAgent: maybe(() => pick(random, oddTexts)),
    requestId: maybe(() => uuidv7()),
    requestIdClaimed: maybe(() => pick(random, oddTexts)),
    detail: oddDetail(random),
  };
}

/** Instants as the database may see them: any millisecond, sub-millisecond, any offset. */
function oddTimestamp(random: Random): string {
  const base = Date.UTC(2026, 0, 1) + Math.floor(random() * 365 * 24 * 3600_000);
  const offset = pick(random, ['Z', '+00:00', '+05:45', '-03:30', '+14:00', '-12:00', '+01:00']);
  const micros = String(Math.floor(random() * 1_000_000)).padStart(6, '0');
  const iso = new Date(base).toISOString().slice(0, 19);
  return `${iso}.${micros}${offset}`;
}

const timeZones = ['UTC', 'Europe/London', 'Asia/Kathmandu', 'America/St_Johns', 'Pacific/Chatham', 'Australia/Lord_Howe'];

describe('audit writer fuzz (seeded, bounded)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await bootTestApp();
  });
  afterAll(() => t.close());

  it(`writes ${events} odd but valid events (and some through HTTP), then seals and verifies them all`, async () => {
    const random = createRandom(seed);
    for (let i = 0; i < events; i += 1) {
      const event = oddEvent(random);
      const mode = random();
      if (mode < 0.5) {
        // A millisecond instant from JavaScript, as the app writes them.
        await recordAuditEvent(t.db, event, new Date(Date.UTC(2026, 11, 4) + Math.floor(random() * 1e10)));
      } else if (mode < 0.8) {
        // In a transaction whose session has another time zone and date style.
        await t.db.transaction().execute(async (trx) => {
          await sql`select set_config('TimeZone', ${pick(random, timeZones)}, true), set_config('DateStyle', 'SQL, DMY', true)`.execute(trx);
          await recordAuditEvent(trx, event, new Date(Date.UTC(2026, 2, 29, 0, 59, 59, Math.floor(random() * 1000))));
        });
      } else {
        // Straight into the table, with a time to the microsecond at an odd offset.
        const id = uuidv7();
        await recordAuditEvent(t.db, { ...event, recordKind: `fuzz-${id}` }, new Date());
        await behindTheTriggers(t.db, (db) => sql`update audit_events set occurred_at = ${oddTimestamp(random)}::timestamptz where record_kind = ${`fuzz-${id}`}`.execute(db));
      }
      if (i % 60 === 59) expect((await sealAuditLog(t.db)).deferred).toBe(false);
    }

    // And some the way any signed-in person can write them: refusals naming a patient in any spelling.
    const patient = await (await t.signIn(t.service.a['registered-therapist'])).post('/api/patients', patientDetails());
    expect(patient.statusCode).toBe(201);
    const id = patient.json().id as string;
    const assistant = await t.signIn(t.service.a['assistant-practitioner']);
    for (let i = 0; i < 10; i += 1) {
      const res = await assistant.request({ method: 'GET', url: `/api/audit/patients/${oddUuid(random, id)}/events`, headers: { 'x-request-id': pick(random, ['abc', 'r'.repeat(300), 'é-utf8'.normalize('NFD'), '../../etc']) } });
      expect(res.statusCode).toBe(403);
    }

    // The fuzz did reach the difference that broke the old chain: values stored unlike they were sent.
    const stored = await t.db.selectFrom('audit_events').select(['patient_id']).where('patient_id', 'is not', null).execute();
    expect(stored.every((r) => r.patient_id === r.patient_id!.toLowerCase())).toBe(true);
    const fuzzed = await t.db.selectFrom('audit_events').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(Number(fuzzed.n)).toBe(events + 10 + 3); // two sign-ins and the registration too

    const report = await sealAndVerify(t.db);
    expect(problemMessages(report)).toEqual([]);
    expect(report).toMatchObject({ ok: true, events: Number(fuzzed.n), unsealedEvents: 0 });

    // Verified from a session with another time zone and date style: the same answer.
    const elsewhere = await t.db.transaction().execute(async (trx) => {
      await sql`select set_config('TimeZone', 'Pacific/Chatham', true), set_config('DateStyle', 'German', true), set_config('extra_float_digits', '-15', true)`.execute(trx);
      return verifyAuditLog(trx as unknown as Kysely<Database>);
    });
    expect(elsewhere).toMatchObject({ ok: true, events: Number(fuzzed.n) });
  });

  it('tells apart what only looks the same: a reason rewritten in another Unicode normalisation form is caught', async () => {
    const target = await t.db.selectFrom('audit_events').select(['seq', 'reason']).where('reason', '=', 'Zo\u00eb Smith').orderBy('seq').executeTakeFirstOrThrow();
    await behindTheTriggers(t.db, (db) => db.updateTable('audit_events').set({ reason: target.reason!.normalize('NFD') }).where('seq', '=', target.seq).execute());
    const report = await verifyAuditLog(t.db);
    expect(report.problems.map((p) => [p.kind, p.seq])).toEqual([['event-altered', target.seq]]);
    await behindTheTriggers(t.db, (db) => db.updateTable('audit_events').set({ reason: target.reason }).where('seq', '=', target.seq).execute());
    expect(await verifyAuditLog(t.db)).toMatchObject({ ok: true });
  });

  it('tells apart a time moved by one microsecond', async () => {
    const target = await t.db.selectFrom('audit_events').select(['seq']).where('record_kind', 'like', 'fuzz-%').orderBy('seq').executeTakeFirstOrThrow();
    await behindTheTriggers(t.db, (db) => sql`update audit_events set occurred_at = occurred_at + interval '1 microsecond' where seq = ${target.seq}`.execute(db));
    expect((await verifyAuditLog(t.db)).problems.map((p) => [p.kind, p.seq])).toEqual([['event-altered', target.seq]]);
    await behindTheTriggers(t.db, (db) => sql`update audit_events set occurred_at = occurred_at - interval '1 microsecond' where seq = ${target.seq}`.execute(db));
    expect(await verifyAuditLog(t.db)).toMatchObject({ ok: true });
  });
});
