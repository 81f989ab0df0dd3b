// The rota as pages: the team's week (every clinical member of the team may look), and for the
// clinical lead and the service manager, each person's working pattern, their leave, sickness,
// training and extra shifts, and who is on call each day. Same rules and words as /api/rota.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { uuidv7 } from 'uuidv7';
import {
  addCalendarDays,
  formatDisplayDate,
  homewardRoleLabels,
  isClinicalRole,
  isoDateToParts,
  parseDateParts,
  parseTimeOfDay,
  patternHours,
  rotaExceptionKindLabels,
  rotaExceptionKinds,
  ukDateOf,
  weekOf,
  weekdayNames,
  weekdayNumbers,
  type NotWorkingReason,
  type WorkingDay,
} from '@homeward/clinical';
import { actorOf } from '../platform/actor.ts';
import { formBody, formField, formVersion, pageWrite } from '../platform/form-body.ts';
import { HomewardError, notFound, type FieldError } from '../platform/homeward-error.ts';
import { errorList, errorsByField } from '../platform/pages.ts';
import { authoriseRotaEdit, authoriseRotaView, mayEditRota } from './authorise-rota.ts';
import { addRotaException, rotaExceptionProblems } from './add-rota-exception.ts';
import { cancelRotaException } from './cancel-rota-exception.ts';
import { changeRotaPattern } from './change-rota-pattern.ts';
import { exceptionsLookAheadDays, exceptionsLookBackDays } from './rota-api-routes.ts';
import { checkRotaPattern, rotaPersonProblems, type RotaPerson } from './check-rota-pattern.ts';
import { findRotaException, readOnCall, readRotaExceptions, readRotaWeek, readStaffPattern, readTeamPatterns, type OnCallRecord, type RotaExceptionRecord, type RotaPatternRow } from './rota-queries.ts';
import type { RotaExceptionBody, RotaPatternInput } from './rota-schema.ts';
import { onCallProblems, setOnCall } from './set-on-call.ts';

const hidden = { hide: true };
type Form = Record<string, string>;
const staffParams = z.object({ staffId: z.uuid() });
const exceptionParams = z.object({ exceptionId: z.uuid() });
const isoDate = z.iso.date();

const notWorkingLabels: Record<NotWorkingReason, string> = {
  'annual-leave': 'Annual leave',
  sickness: 'Sickness',
  training: 'Training',
  'other-absence': 'Other absence',
  'bank-holiday': 'Bank holiday',
  'day-off': 'Day off',
};
const shortDay = (date: string) => {
  const [, month, day] = date.split('-');
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return `${weekdayNames[weekOf(date).indexOf(date)]!.slice(0, 3)} ${Number(day)} ${months[Number(month) - 1]}`;
};
const longDay = (date: string) => `${weekdayNames[weekOf(date).indexOf(date)]} ${formatDisplayDate(date)}`;
const hoursText = (e: { startTime: string | null; endTime: string | null }) => (e.startTime && e.endTime ? `${e.startTime} to ${e.endTime}` : 'all day');
const spanText = (e: { startsOn: string; endsOn: string }) => (e.startsOn === e.endsOn ? longDay(e.startsOn) : `${longDay(e.startsOn)} to ${longDay(e.endsOn)}`);

function cellOf(day: WorkingDay, exceptions: RotaExceptionRecord[]) {
  const notes = exceptions.filter((e) => e.note).map((e) => `${rotaExceptionKindLabels[e.kind]}: ${e.note}`);
  if (!day.shift) return { working: false, text: notWorkingLabels[day.notWorkingBecause ?? 'day-off'], detail: null, cover: false, parts: [], notes };
  return {
    working: true,
    text: `${day.shift.start} to ${day.shift.end}`,
    detail: day.shift.breakMinutes ? `${day.shift.breakMinutes} min break` : null,
    cover: day.cover,
    parts: day.partDayAbsences.map((p) => `${notWorkingLabels[p.kind]} ${p.start} to ${p.end}`),
    notes,
  };
}

const exceptionView = (e: RotaExceptionRecord) => ({ ...e, kindLabel: rotaExceptionKindLabels[e.kind], span: spanText(e), hours: hoursText(e) });

/** The pattern's form fields from the stored pattern. */
function patternValues(p: RotaPatternRow): Form {
  const values: Form = {
    startsFrom: p.startsFrom,
    carDriver: p.carDriver ? 'yes' : 'no',
    baseName: p.baseName ?? '',
    baseLatitude: p.base ? String(p.base.lat) : '',
    baseLongitude: p.base ? String(p.base.lon) : '',
    homeLatitude: p.home ? String(p.home.lat) : '',
    homeLongitude: p.home ? String(p.home.lon) : '',
    workPhone: p.workPhone ?? '',
    carDescription: p.carDescription ?? '',
    version: p.version === null ? '' : String(p.version),
  };
  for (const d of p.week) {
    values[`day-${d.weekday}-works`] = 'yes';
    values[`day-${d.weekday}-start`] = d.start;
    values[`day-${d.weekday}-end`] = d.end;
    values[`day-${d.weekday}-break`] = String(d.breakMinutes);
  }
  return values;
}

/** A form's coordinate: a number, null when left empty, or a problem. */
function coordinate(values: Form, name: string, what: string, fields: FieldError[]): number | null {
  const text = values[name] ?? '';
  if (text === '') return null;
  const n = /^-?\d{1,3}(\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
  const limit = name.endsWith('Latitude') ? 90 : 180;
  if (!Number.isFinite(n) || Math.abs(n) > limit) {
    fields.push({ path: name, message: `Enter the ${what} as a number between -${limit} and ${limit}, like ${limit === 90 ? '53.02' : '-2.19'}` });
    return null;
  }
  return n;
}

/** The pattern from its form: the problems the form itself can see, then the rota's own rules. */
function parsePatternForm(values: Form): { input: RotaPatternInput; fields: FieldError[] } {
  const fields: FieldError[] = [];
  const week = weekdayNumbers
    .filter((d) => values[`day-${d}-works`] === 'yes')
    .map((d) => {
      const start = values[`day-${d}-start`] ?? '';
      const end = values[`day-${d}-end`] ?? '';
      const breakText = values[`day-${d}-break`] ?? '';
      return {
        weekday: d,
        start: parseTimeOfDay(start) ?? start,
        end: parseTimeOfDay(end) ?? end,
        breakMinutes: breakText === '' ? 0 : /^\d{1,3}$/.test(breakText) ? Number(breakText) : Number.NaN,
      };
    });
  const startsFrom = values.startsFrom === 'home' ? 'home' : values.startsFrom === 'base' ? 'base' : null;
  if (!startsFrom) fields.push({ path: 'startsFrom', message: 'Choose where their day starts and ends: the base or home' });
  const carDriver = values.carDriver === 'yes' ? true : values.carDriver === 'no' ? false : null;
  if (carDriver === null) fields.push({ path: 'carDriver', message: 'Say whether they drive a car for work' });
  const input: RotaPatternInput = {
    week,
    startsFrom: startsFrom ?? 'base',
    carDriver: carDriver ?? true,
    baseName: values.baseName || null,
    baseLatitude: coordinate(values, 'baseLatitude', 'latitude of the base', fields),
    baseLongitude: coordinate(values, 'baseLongitude', 'longitude of the base', fields),
    homeLatitude: coordinate(values, 'homeLatitude', 'latitude of their home', fields),
    homeLongitude: coordinate(values, 'homeLongitude', 'longitude of their home', fields),
    workPhone: values.workPhone || null,
    carDescription: values.carDescription || null,
  };
  if (input.baseName && input.baseName.length > 200) fields.push({ path: 'baseName', message: 'The base must be 200 characters or fewer' });
  if (input.carDescription && input.carDescription.length > 200) fields.push({ path: 'carDescription', message: 'The car description must be 200 characters or fewer' });
  const already = new Set(fields.map((f) => f.path));
  return { input, fields: [...fields, ...checkRotaPattern(input).filter((f) => !already.has(f.path))] };
}

const patternAnchors = Object.fromEntries(
  weekdayNumbers.flatMap((d) => [
    [`week.${d}.start`, `day-${d}-start`],
    [`week.${d}.end`, `day-${d}-end`],
    [`week.${d}.breakMinutes`, `day-${d}-break`],
    [`week.${d}.weekday`, `day-${d}-works`],
  ]),
);

const allFields = (body: Record<string, string | string[]>): Form => Object.fromEntries(Object.entries(body).map(([k, v]) => [k, formField(v)]));

export async function rotaPages(app: FastifyInstance): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const today = () => ukDateOf(app.config.now());

  typed.get('/rota', { schema: { ...hidden, querystring: z.object({ week: z.string().optional(), done: z.string().optional() }) } }, async (request, reply) => {
    const viewer = await authoriseRotaView(app.db, { actor: actorOf(request) });
    const asked = request.query.week && isoDate.safeParse(request.query.week).success ? request.query.week : today();
    const dates = weekOf(asked);
    const week = await readRotaWeek(app.db, { teamId: viewer.teamId, dates });
    const team = await app.db.selectFrom('teams').select('name').where('id', '=', viewer.teamId).executeTakeFirst();
    const flashes: Record<string, string> = { 'on-call': 'On call saved' };
    return reply.page('staff/pages/rota-week.njk', {
      title: `Rota: week of ${formatDisplayDate(dates[0]!)}`,
      section: 'rota',
      teamName: team?.name ?? 'Your team',
      mayEdit: mayEditRota(viewer.role),
      days: week.dates.map((d) => ({ ...d, label: shortDay(d.date), long: longDay(d.date), heading: d.bankHoliday ? `${shortDay(d.date)} (${d.bankHoliday})` : shortDay(d.date) })),
      people: week.people.map((p) => ({ ...p.person, roleLabel: homewardRoleLabels[p.person.role], cells: p.days.map((c) => ({ date: c.date, ...cellOf(c.day, c.exceptions) })) })),
      previousWeek: addCalendarDays(dates[0]!, -7),
      nextWeek: addCalendarDays(dates[0]!, 7),
      thisWeek: weekOf(today())[0],
      flash: request.query.done ? (flashes[request.query.done] ?? null) : null,
    });
  });

  async function loadPerson(request: FastifyRequest, staffId: string, edit: boolean): Promise<RotaPerson> {
    const person = await readStaffPattern(app.db, staffId);
    if (!person) throw notFound('Staff member');
    const o = { actor: actorOf(request), teamId: person.teamId, recordKind: 'rota-pattern', staffId };
    await (edit ? authoriseRotaEdit(app.db, o) : authoriseRotaView(app.db, o));
    if (!person.active || !isClinicalRole(person.role)) throw notFound('Staff member on the rota');
    return person;
  }

  async function renderPerson(request: FastifyRequest, reply: FastifyReply, person: RotaPerson, o: { values?: Form; fields?: FieldError[]; status?: number; done?: string; conflict?: boolean } = {}) {
    const exceptions = await readRotaExceptions(app.db, { staffIds: [person.staffId], from: addCalendarDays(today(), -exceptionsLookBackDays), to: addCalendarDays(today(), exceptionsLookAheadDays), includeCancelled: true });
    const fields = o.fields ?? [];
    const flashes: Record<string, string> = { saved: 'Working pattern saved', cancelled: 'Cancelled. It stays on the rota’s record, marked cancelled' };
    return reply.code(o.status ?? 200).page('staff/pages/rota-person.njk', {
      title: `${person.name}: working pattern`,
      section: 'rota',
      person: { ...person, roleLabel: homewardRoleLabels[person.role], patternHours: patternHours(person.week) },
      mayEdit: mayEditRota(actorOf(request).staff.role),
      values: o.values ?? patternValues(person),
      days: weekdayNumbers.map((d) => ({ weekday: d, name: weekdayNames[d - 1], usual: person.week.find((w) => w.weekday === d) ?? null })),
      exceptions: exceptions.map(exceptionView),
      conflict: o.conflict ?? false,
      errors: errorList(fields, { ...patternAnchors, startsFrom: 'startsFrom', carDriver: 'carDriver', form: 'pattern-form', staffId: 'pattern-form' }),
      fieldErrors: errorsByField(fields),
      flash: o.done ? (flashes[o.done] ?? null) : null,
      backHref: '/rota',
      backText: 'Back to the rota',
    });
  }

  typed.get('/rota/staff/:staffId', { schema: { ...hidden, params: staffParams, querystring: z.object({ done: z.string().optional() }) } }, async (request, reply) =>
    renderPerson(request, reply, await loadPerson(request, request.params.staffId, false), { done: request.query.done }),
  );

  typed.post('/rota/staff/:staffId', { schema: { ...hidden, params: staffParams, body: formBody } }, async (request, reply) => {
    const person = await loadPerson(request, request.params.staffId, true);
    const values = allFields(request.body);
    return pageWrite(request, reply, {
      check: () => {
        const parsed = parsePatternForm(values);
        const problems = [...rotaPersonProblems(person), ...parsed.fields];
        if (problems.length) throw new HomewardError('validation_failed', problems[0]!.message, { fields: problems });
        return { input: parsed.input, version: values.version ? formVersion(values.version) : null };
      },
      write: async (trx, checked) => {
        await changeRotaPattern(trx, { actor: actorOf(request), staffId: person.staffId, ...checked });
        return `/rota/staff/${person.staffId}?done=saved`;
      },
      render: async (fields, status, error) => {
        if (error.code !== 'version_conflict') return renderPerson(request, reply, person, { values, fields, status });
        // Someone saved first: show their pattern, and say so; the lead makes the change again on it.
        const current = (await readStaffPattern(app.db, person.staffId))!;
        const message = 'Someone else changed this working pattern after you opened it. Your changes were not saved: the form now shows the pattern as it is. Make your changes again.';
        return renderPerson(request, reply, current, { values: patternValues(current), fields: [{ path: 'form', message }], status, conflict: true });
      },
    });
  });

  // Adding an exception.
  const kindItems = (chosen: string) =>
    rotaExceptionKinds.map((k) => ({ value: k, text: rotaExceptionKindLabels[k], checked: k === chosen, hint: k === 'extra-shift' ? { text: 'Weekend or bank-holiday cover, or any day off the usual pattern: give the times' } : undefined }));

  async function renderExceptionForm(reply: FastifyReply, person: RotaPerson, values: Form, fields: FieldError[] = [], status = 200) {
    return reply.code(status).page('staff/pages/rota-exception-new.njk', {
      title: 'Add leave, absence or an extra shift',
      section: 'rota',
      person,
      values,
      kindItems: kindItems(values.kind ?? ''),
      errors: errorList(fields, { kind: 'kind', startsOn: 'startsOn-day', endsOn: 'endsOn-day', startTime: 'startTime', endTime: 'endTime', note: 'note', form: 'exception-form', staffId: 'exception-form' }),
      fieldErrors: errorsByField(fields),
      backHref: `/rota/staff/${person.staffId}`,
      backText: `Back to ${person.name}’s pattern`,
    });
  }

  typed.get('/rota/staff/:staffId/exceptions/new', { schema: { ...hidden, params: staffParams, querystring: z.object({ kind: z.string().optional(), on: z.string().optional() }) } }, async (request, reply) => {
    const person = await loadPerson(request, request.params.staffId, true);
    const on = request.query.on && isoDate.safeParse(request.query.on).success ? isoDateToParts(request.query.on) : null;
    const values: Form = { formId: uuidv7(), kind: rotaExceptionKinds.find((k) => k === request.query.kind) ?? '' };
    if (on) for (const which of ['startsOn', 'endsOn']) for (const [part, v] of Object.entries(on)) values[`${which}-${part}`] = v;
    return renderExceptionForm(reply, person, values);
  });

  typed.post('/rota/staff/:staffId/exceptions/new', { schema: { ...hidden, params: staffParams, body: formBody } }, async (request, reply) => {
    const person = await loadPerson(request, request.params.staffId, true);
    const values = allFields(request.body);
    const earliestYear = Number(today().slice(0, 4)) - 1;
    return pageWrite(request, reply, {
      formId: values.formId,
      check: async () => {
        const fields: FieldError[] = [];
        const kind = rotaExceptionKinds.find((k) => k === values.kind) ?? null;
        if (!kind) fields.push({ path: 'kind', message: 'Choose what this is: annual leave, sickness, training, other absence or an extra shift' });
        const date = (which: 'startsOn' | 'endsOn', label: string) => {
          const parsed = parseDateParts({ day: values[`${which}-day`] ?? '', month: values[`${which}-month`] ?? '', year: values[`${which}-year`] ?? '' }, { label, today: today(), earliestYear });
          if (!parsed.ok) fields.push({ path: which, message: parsed.message });
          return parsed.ok ? parsed.value : null;
        };
        const startsOn = date('startsOn', 'The first day');
        const endsOn = date('endsOn', 'The last day');
        const time = (name: 'startTime' | 'endTime') => (values[name] ? (parseTimeOfDay(values[name]) ?? values[name]) : null);
        const input: RotaExceptionBody = { kind: kind ?? 'annual-leave', startsOn: startsOn ?? '', endsOn: endsOn ?? '', startTime: time('startTime'), endTime: time('endTime'), note: values.note || null };
        if (kind && startsOn && endsOn) {
          fields.push(...(await rotaExceptionProblems(app.db, { actor: actorOf(request), staffId: person.staffId, input })));
        }
        if (fields.length) throw new HomewardError('validation_failed', fields[0]!.message, { fields });
        return input;
      },
      write: async (trx, input) => {
        const added = await addRotaException(trx, { actor: actorOf(request), staffId: person.staffId, input });
        return `/rota/exceptions/${added.id}?added`;
      },
      render: (fields, status) => renderExceptionForm(reply, person, values, fields, status),
    });
  });

  async function loadException(request: FastifyRequest, exceptionId: string, edit: boolean): Promise<{ exception: RotaExceptionRecord; person: RotaPerson }> {
    const exception = await findRotaException(app.db, exceptionId);
    if (!exception) throw notFound('Rota exception');
    const o = { actor: actorOf(request), teamId: exception.teamId, recordKind: 'rota-exception', staffId: exception.staffId };
    await (edit ? authoriseRotaEdit(app.db, o) : authoriseRotaView(app.db, o));
    const person = await readStaffPattern(app.db, exception.staffId);
    if (!person) throw notFound('Staff member');
    return { exception, person };
  }

  typed.get('/rota/exceptions/:exceptionId', { schema: { ...hidden, params: exceptionParams, querystring: z.object({ added: z.string().optional() }) } }, async (request, reply) => {
    const { exception, person } = await loadException(request, request.params.exceptionId, false);
    return reply.page('staff/pages/rota-exception.njk', {
      title: request.query.added !== undefined ? `${rotaExceptionKindLabels[exception.kind]} added` : rotaExceptionKindLabels[exception.kind],
      added: request.query.added !== undefined,
      section: 'rota',
      person,
      exception: exceptionView(exception),
      mayEdit: mayEditRota(actorOf(request).staff.role),
      weekOf: weekOf(exception.startsOn)[0],
    });
  });

  async function renderCancel(reply: FastifyReply, exception: RotaExceptionRecord, person: RotaPerson, fields: FieldError[] = [], status = 200) {
    return reply.code(status).page('staff/pages/rota-exception-cancel.njk', {
      title: `Cancel ${rotaExceptionKindLabels[exception.kind].toLowerCase()}`,
      section: 'rota',
      person,
      exception: exceptionView(exception),
      errors: errorList(fields, { form: 'cancel-form', version: 'cancel-form' }),
      backHref: `/rota/staff/${person.staffId}`,
      backText: `Back to ${person.name}’s pattern`,
    });
  }

  typed.get('/rota/exceptions/:exceptionId/cancel', { schema: { ...hidden, params: exceptionParams } }, async (request, reply) => {
    const { exception, person } = await loadException(request, request.params.exceptionId, true);
    if (exception.cancelled) return renderCancel(reply, exception, person, [{ path: 'form', message: 'This has already been cancelled' }], 409);
    return renderCancel(reply, exception, person);
  });

  typed.post('/rota/exceptions/:exceptionId/cancel', { schema: { ...hidden, params: exceptionParams, body: formBody } }, async (request, reply) => {
    const { exception, person } = await loadException(request, request.params.exceptionId, true);
    const values = allFields(request.body);
    return pageWrite(request, reply, {
      check: () => formVersion(values.version),
      write: async (trx, version) => {
        await cancelRotaException(trx, { actor: actorOf(request), exception, version });
        return `/rota/staff/${person.staffId}?done=cancelled`;
      },
      render: async (fields, status, error) => renderCancel(reply, (error.current as RotaExceptionRecord | undefined) ?? exception, person, fields, status),
    });
  });

  // On call for a day.
  async function renderOnCall(request: FastifyRequest, reply: FastifyReply, date: string, current: OnCallRecord | null, values: Form, fields: FieldError[] = [], status = 200) {
    const teamId = actorOf(request).staff.teamId!;
    const people = await readTeamPatterns(app.db, teamId);
    const staffItems = [{ value: '', text: 'Choose a person' }, ...people.filter((p) => p.role !== 'student').map((p) => ({ value: p.staffId, text: `${p.name} (${homewardRoleLabels[p.role].toLowerCase()})` }))];
    const managerItems = [{ value: '', text: 'Nobody' }, ...people.filter((p) => mayEditRota(p.role)).map((p) => ({ value: p.staffId, text: `${p.name} (${homewardRoleLabels[p.role].toLowerCase()})` }))];
    return reply.code(status).page('staff/pages/rota-on-call.njk', {
      title: `On call: ${longDay(date)}`,
      section: 'rota',
      date,
      current,
      values,
      staffItems,
      managerItems,
      errors: errorList(fields, { staffId: 'staffId', managerStaffId: 'managerStaffId', form: 'on-call-form', version: 'on-call-form', date: 'on-call-form' }),
      fieldErrors: errorsByField(fields),
      backHref: `/rota?week=${weekOf(date)[0]}`,
      backText: 'Back to the rota',
    });
  }
  const onCallValues = (c: OnCallRecord | null, date: string): Form => ({ date, staffId: c?.staffId ?? '', managerStaffId: c?.managerStaffId ?? '', version: c ? String(c.version) : '' });

  typed.get('/rota/on-call', { schema: { ...hidden, querystring: z.object({ date: z.string().optional() }) } }, async (request, reply) => {
    const editor = await authoriseRotaEdit(app.db, { actor: actorOf(request), recordKind: 'rota-on-call' });
    const date = request.query.date && isoDate.safeParse(request.query.date).success ? request.query.date : today();
    const current = await readOnCall(app.db, { teamId: editor.teamId, date });
    return renderOnCall(request, reply, date, current, onCallValues(current, date));
  });

  typed.post('/rota/on-call', { schema: { ...hidden, body: formBody } }, async (request, reply) => {
    const editor = await authoriseRotaEdit(app.db, { actor: actorOf(request), recordKind: 'rota-on-call' });
    const values = allFields(request.body);
    if (!isoDate.safeParse(values.date).success) throw new HomewardError('validation_failed', 'The form is missing its date; open the rota and choose the day again');
    const date = values.date!;
    return pageWrite(request, reply, {
      check: async () => {
        const fields: FieldError[] = [];
        if (!z.uuid().safeParse(values.staffId).success) fields.push({ path: 'staffId', message: 'Choose who is on call' });
        const managerStaffId = values.managerStaffId ? values.managerStaffId : null;
        if (managerStaffId !== null && !z.uuid().safeParse(managerStaffId).success) fields.push({ path: 'managerStaffId', message: 'Choose a manager in your team, or nobody' });
        const input = { date, staffId: values.staffId!, managerStaffId, ...(values.version ? { version: formVersion(values.version) } : {}) };
        if (!fields.length) fields.push(...(await onCallProblems(app.db, { actor: actorOf(request), input })));
        if (fields.length) throw new HomewardError('validation_failed', fields[0]!.message, { fields });
        return input;
      },
      write: async (trx, input) => {
        await setOnCall(trx, { actor: actorOf(request), input });
        return `/rota?week=${weekOf(date)[0]}&done=on-call`;
      },
      render: async (fields, status, error) => {
        if (error.code !== 'version_conflict') return renderOnCall(request, reply, date, await readOnCall(app.db, { teamId: editor.teamId, date }), values, fields, status);
        const current = await readOnCall(app.db, { teamId: editor.teamId, date });
        const message = 'Someone else set who is on call for this day after you opened it. Nothing was saved: the form now shows who is on call. Choose again if it should change.';
        return renderOnCall(request, reply, date, current, onCallValues(current, date), [{ path: 'form', message }], status);
      },
    });
  });
}
