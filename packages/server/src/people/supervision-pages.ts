// The supervision pages (issue 16 #1, #7): /supervision (your own, your supervisees, and for the lead the
// way to the team), /supervision/team (the team red/amber/green), someone's supervision, naming their
// supervisor, writing up a session (cases and actions), the session itself with the supervisee's
// confirmation, and an action marked done. Forms work without JavaScript.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { uuidv7 } from 'uuidv7';
import { z } from 'zod';
import { compareDueStatus, dueStatusTags, formatDisplayDate, homewardRoleLabels, isoDateToParts, mayManageSupervision, parseDateParts, supervisionFrequencies, supervisionSessionProblems, supervisionKindLabels, supervisionKinds, ukDateOf, type SupervisionSessionKind } from '@homeward/clinical';
import { actorOf, auditAs, type Actor } from '../platform/actor.ts';
import { formBody, formField, formVersion, pageWrite, type FormBody } from '../platform/form-body.ts';
import { HomewardError, validationFailed, type FieldError } from '../platform/homeward-error.ts';
import { errorList, errorsByField } from '../platform/pages.ts';
import { completeSupervisionAction } from './complete-supervision-action.ts';
import { commentProblems, confirmSupervisionSession } from './confirm-supervision-session.ts';
import { checkSupervisor, nameSupervisor } from './name-supervisor.ts';
import { recordSupervisionSession, type SupervisionCaseInput } from './record-supervision-session.ts';
import { auditSupervisionView, authoriseSessionWrite, authoriseSupervisionOf, authoriseSupervisionSession, authoriseSupervisorChange, mayNameSupervisor, mayWriteSession, type SupervisionAccess } from './supervision-access.ts';
import { authoriseCaseWrite, listCaseChoices, readSessionCases } from './supervision-cases.ts';
import { findSupervisionAction, findSupervisionStaff, listOpenActionsOfSupervisee, listSessionActions, listSuperviseeIds, listSupervisionSessions, listTeamStaff, readStandings } from './supervision-queries.ts';
import { supervisionRecordKind, type SupervisionStaff, type SupervisionStanding } from './supervision-types.ts';

const staffParams = z.object({ staffId: z.uuid('staffId must be a UUID') });
const sessionParams = z.object({ sessionId: z.uuid('sessionId must be a UUID') });
const actionParams = z.object({ actionId: z.uuid('actionId must be a UUID') });
const doneQuery = z.object({ done: z.string().max(40).optional() });
const hidden = { hide: true } as const;

const refusedByAccess = (error: unknown): error is HomewardError => error instanceof HomewardError && (error.code === 'forbidden' || error.code === 'no_legitimate_relationship');
/** A case the seam refused: the rule's own words, but no emergency access from a write-up (the list offers none). */
const caseRefusedMessage = (error: HomewardError) =>
  error.code === 'forbidden' ? error.message : 'This patient is no longer in your team’s care, so their case cannot be recorded here: choose another patient from the list, or no case';

/** How many case and action rows the write-up form offers (blank rows are ignored). */
export const formRows = 3;

const flashes: Record<string, string> = {
  supervisor: 'Supervisor named',
  recorded: 'Session recorded: the supervisee is asked to confirm it',
  confirmed: 'Session confirmed',
  'action-done': 'Action marked done',
};

const tagOf = (s: SupervisionStanding['status']) => (s ? dueStatusTags[s] : { colour: 'grey', text: 'Not covered by the policy' });
const frequencyText = (role: keyof typeof supervisionFrequencies) => {
  const f = supervisionFrequencies[role];
  return f ? `every ${f.minWeeks} to ${f.maxWeeks} weeks` : null;
};
const dateValues = (prefix: string, iso: string) => {
  const p = isoDateToParts(iso);
  return { [`${prefix}-day`]: p.day, [`${prefix}-month`]: p.month, [`${prefix}-year`]: p.year };
};

export async function supervisionPages(app: FastifyInstance): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const db = app.db;
  const today = (actor: Actor) => ukDateOf(actor.now);

  /** Someone's supervision page; for oneself, also one's supervisees and (for a lead) the team. */
  async function showPerson(request: FastifyRequest, reply: FastifyReply, access: SupervisionAccess, o: { done?: string | undefined; own: boolean }) {
    const actor = access.actor;
    const [standing] = await readStandings(db, [access.supervisee], today(actor));
    const sessions = await listSupervisionSessions(db, access.supervisee.id);
    const actions = await listOpenActionsOfSupervisee(db, access.supervisee.id);
    await auditSupervisionView(db, access, { via: 'page' });
    let supervisees: Array<SupervisionStanding & { tag: { colour: string; text: string } }> = [];
    if (o.own) {
      const people = (await Promise.all((await listSuperviseeIds(db, actor.staff.staffId, ukDateOf(actor.now))).map((id) => findSupervisionStaff(db, id)))).filter((p): p is SupervisionStaff => p !== null);
      supervisees = (await readStandings(db, people, today(actor))).map((s) => ({ ...s, tag: tagOf(s.status) }));
    }
    return reply.page('people/pages/supervision-person.njk', {
      title: o.own ? 'Your supervision' : `Supervision: ${access.supervisee.name}`,
      section: 'supervision',
      own: o.own,
      person: access.supervisee,
      roleLabel: homewardRoleLabels[access.supervisee.role],
      frequency: frequencyText(access.supervisee.role),
      standing: standing ? { ...standing, tag: tagOf(standing.status) } : null,
      arrangement: access.arrangement,
      sessions: sessions.map((s) => ({ ...s, kindLabel: supervisionKindLabels[s.kind] })),
      actions: actions.map((a) => ({ ...a, mine: a.ownerId === actor.staff.staffId || mayWriteSession(access) })),
      supervisees,
      mayName: mayNameSupervisor(access),
      mayWrite: mayWriteSession(access),
      mayTeam: mayManageSupervision(actor.staff.role) && actor.staff.teamId !== null,
      flash: o.done && Object.hasOwn(flashes, o.done) ? flashes[o.done] : null,
      backHref: o.own ? '/' : access.basis === 'manager' ? '/supervision/team' : '/supervision',
      backText: o.own ? 'Home' : access.basis === 'manager' ? 'The team’s supervision' : 'Your supervision',
      formVersion: String(access.open?.version ?? ''),
    });
  }

  typed.get('/supervision', { schema: { ...hidden, querystring: doneQuery } }, async (request, reply) => {
    const actor = actorOf(request);
    const access = await authoriseSupervisionOf(db, { actor, superviseeId: actor.staff.staffId });
    return showPerson(request, reply, access, { done: request.query.done, own: true });
  });

  typed.get('/supervision/people/:staffId', { schema: { ...hidden, params: staffParams, querystring: doneQuery } }, async (request, reply) => {
    const actor = actorOf(request);
    const access = await authoriseSupervisionOf(db, { actor, superviseeId: request.params.staffId });
    return showPerson(request, reply, access, { done: request.query.done, own: access.basis === 'own' });
  });

  typed.get('/supervision/team', { schema: hidden }, async (request, reply) => {
    const actor = actorOf(request);
    if (!mayManageSupervision(actor.staff.role) || actor.staff.teamId === null) {
      await auditAs(actor, db, { action: 'read', outcome: 'refused', recordKind: supervisionRecordKind, detail: { list: 'team-supervision', rule: 'not-team-lead' } });
      throw new HomewardError('forbidden', 'The team’s supervision is for its clinical lead and service manager.');
    }
    const people = (await listTeamStaff(db, actor.staff.teamId)).filter((p) => supervisionFrequencies[p.role] !== null);
    const standings = (await readStandings(db, people, today(actor))).map((s) => ({ ...s, tag: tagOf(s.status), roleLabel: homewardRoleLabels[s.staff.role], self: s.staff.id === actor.staff.staffId }));
    await auditAs(actor, db, { action: 'read', outcome: 'allowed', recordKind: supervisionRecordKind, detail: { list: 'team-supervision', teamId: actor.staff.teamId, count: standings.length } });
    const count = (status: string) => standings.filter((s) => s.status === status).length;
    return reply.page('people/pages/supervision-team.njk', {
      title: 'The team’s supervision',
      section: 'supervision',
      standings: [...standings].sort((a, b) => compareDueStatus(a.status, b.status) || (a.dueOn ?? '').localeCompare(b.dueOn ?? '')),
      counts: { overdue: count('overdue'), dueSoon: count('due-soon'), inDate: count('in-date'), noSupervisor: standings.filter((s) => s.supervisor === null).length },
      dueStatusTags,
      backHref: '/supervision',
      backText: 'Your supervision',
    });
  });

  // Naming a supervisor.
  async function showSupervisorForm(reply: FastifyReply, access: SupervisionAccess, o: { values: Record<string, string>; fields?: FieldError[]; status?: number }) {
    const team = access.supervisee.teamId ? await listTeamStaff(db, access.supervisee.teamId) : [];
    const fields = o.fields ?? [];
    return reply.code(o.status ?? 200).page('people/pages/supervision-supervisor.njk', {
      title: `Name ${access.supervisee.name}’s supervisor`,
      section: 'supervision',
      person: access.supervisee,
      arrangement: access.arrangement,
      supervisorItems: [{ value: '', text: 'Choose someone' }, ...team.filter((p) => p.id !== access.supervisee.id && p.profession !== 'none').map((p) => ({ value: p.id, text: `${p.name} (${homewardRoleLabels[p.role]}, band ${p.band})`, selected: o.values.supervisorId === p.id }))],
      values: o.values,
      errors: errorList(fields, { supervisorId: 'supervisorId', startsOn: 'startsOn-day', version: 'supervisorId' }),
      fieldErrors: errorsByField(fields),
      backHref: `/supervision/people/${access.supervisee.id}`,
      backText: `Supervision: ${access.supervisee.name}`,
    });
  }

  typed.get('/supervision/people/:staffId/supervisor', { schema: { ...hidden, params: staffParams } }, async (request, reply) => {
    const access = await authoriseSupervisorChange(db, { actor: actorOf(request), superviseeId: request.params.staffId });
    await auditSupervisionView(db, access, { via: 'page' });
    return showSupervisorForm(reply, access, { values: { formId: uuidv7(), version: String(access.open?.version ?? ''), supervisorId: access.open?.supervisorId ?? '', ...dateValues('startsOn', today(access.actor)) } });
  });

  typed.post('/supervision/people/:staffId/supervisor', { schema: { ...hidden, params: staffParams, body: formBody } }, async (request, reply) => {
    const access = await authoriseSupervisorChange(db, { actor: actorOf(request), superviseeId: request.params.staffId });
    const body = request.body;
    const values: Record<string, string> = Object.fromEntries(['formId', 'version', 'supervisorId', 'startsOn-day', 'startsOn-month', 'startsOn-year'].map((k) => [k, formField(body[k])]));
    return pageWrite(request, reply, {
      formId: values.formId ?? '',
      check: async () => {
        const fields: FieldError[] = [];
        const version = values.version === '' ? null : formVersion(values.version);
        const date = parseDateParts({ day: values['startsOn-day'] ?? '', month: values['startsOn-month'] ?? '', year: values['startsOn-year'] ?? '' }, { label: 'The day they start supervising', today: today(access.actor) });
        if (!date.ok) fields.push({ path: 'startsOn', message: date.message });
        if (!z.uuid().safeParse(values.supervisorId).success) fields.push({ path: 'supervisorId', message: 'Choose who will supervise them' });
        else await checkSupervisor(db, { supervisee: access.supervisee, supervisorId: values.supervisorId! }).catch((error: unknown) => {
          if (error instanceof HomewardError) fields.push(...error.fields);
          else throw error;
        });
        if (fields.length || !date.ok) throw validationFailed(fields);
        return { version, startsOn: date.value };
      },
      write: async (trx, c) => {
        await nameSupervisor(trx, { actor: access.actor, supervisee: access.supervisee, id: uuidv7(), supervisorId: values.supervisorId!, startsOn: c.startsOn, version: c.version });
        return `/supervision/people/${access.supervisee.id}?done=supervisor`;
      },
      render: async (fields, status, error) => {
        if (error.code !== 'version_conflict') return showSupervisorForm(reply, access, { values, fields, status });
        // A stale form: the choice typed stays, against the arrangement as it is now (its version, and a
        // new form id for a form shown afresh), so the next Save works.
        const now = await authoriseSupervisorChange(db, { actor: access.actor, superviseeId: access.supervisee.id });
        return showSupervisorForm(reply, now, { values: { ...values, formId: uuidv7(), version: String(now.open?.version ?? '') }, fields, status });
      },
    });
  });

  // Writing up a session.
  async function showSessionForm(reply: FastifyReply, access: SupervisionAccess, o: { values: Record<string, string>; fields?: FieldError[]; status?: number }) {
    const fields = o.fields ?? [];
    const choices = await listCaseChoices(db, { actor: access.actor, superviseeId: access.supervisee.id });
    const owners = [{ id: access.supervisee.id, name: access.supervisee.name }, { id: access.actor.staff.staffId, name: access.actor.staff.name }];
    const rows = Array.from({ length: formRows }, (_, i) => i);
    const anchors: Record<string, string> = { heldOn: 'heldOn-day', kind: 'kind', themes: 'themes' };
    for (const i of rows) {
      anchors[`cases.${i}.episodeId`] = `case-${i}-episodeId`; anchors[`cases.${i}.note`] = `case-${i}-note`;
      anchors[`actions.${i}.action`] = `action-${i}-action`; anchors[`actions.${i}.ownerId`] = `action-${i}-ownerId`; anchors[`actions.${i}.dueOn`] = `action-${i}-dueOn-day`;
    }
    return reply.code(o.status ?? 200).page('people/pages/supervision-session-new.njk', {
      title: `Write up supervision with ${access.supervisee.name}`,
      section: 'supervision',
      person: access.supervisee,
      kindItems: supervisionKinds.map((k) => ({ value: k, text: supervisionKindLabels[k], checked: o.values.kind === k })),
      cases: rows.map((i) => ({ i, items: [{ value: '', text: 'No case' }, ...choices.map((c) => ({ value: c.episodeId, text: `${c.patientName} (NHS ${c.nhsNumber.replace(/^(\d{3})(\d{3})(\d{4})$/, '$1 $2 $3')})`, selected: o.values[`case-${i}-episodeId`] === c.episodeId }))] })),
      actions: rows.map((i) => ({ i, ownerItems: [{ value: '', text: 'Choose who' }, ...owners.map((p) => ({ value: p.id, text: p.name, selected: o.values[`action-${i}-ownerId`] === p.id }))] })),
      // The case rows stay while one has something typed, though no patient is left to choose (a stale list): the note is kept.
      hasChoices: choices.length > 0 || rows.some((i) => (o.values[`case-${i}-episodeId`] ?? '') !== '' || (o.values[`case-${i}-note`] ?? '') !== ''),
      values: o.values,
      errors: errorList(fields, anchors),
      fieldErrors: errorsByField(fields.map((f) => ({ ...f, path: f.path.replace(/^cases\.(\d+)\./, 'case-$1-').replace(/^actions\.(\d+)\./, 'action-$1-') }))),
      backHref: `/supervision/people/${access.supervisee.id}`,
      backText: `Supervision: ${access.supervisee.name}`,
    });
  }

  typed.get('/supervision/people/:staffId/sessions/new', { schema: { ...hidden, params: staffParams } }, async (request, reply) => {
    const access = await authoriseSessionWrite(db, { actor: actorOf(request), superviseeId: request.params.staffId });
    return showSessionForm(reply, access, { values: { formId: uuidv7(), kind: 'clinical', ...dateValues('heldOn', today(access.actor)) } });
  });

  typed.post('/supervision/people/:staffId/sessions/new', { schema: { ...hidden, params: staffParams, body: formBody } }, async (request, reply) => {
    const access = await authoriseSessionWrite(db, { actor: actorOf(request), superviseeId: request.params.staffId });
    const body = request.body as FormBody;
    const values: Record<string, string> = Object.fromEntries(Object.entries(body).filter(([k]) => k !== '_csrf').map(([k, v]) => [k, formField(v)]));
    const v = (k: string) => values[k] ?? '';
    const sessionId = v('formId');
    const render = (fields: FieldError[], status: number) => showSessionForm(reply, access, { values, fields, status });
    return pageWrite(request, reply, {
      formId: sessionId,
      check: async () => {
        const fields: FieldError[] = [];
        const refused: FieldError[] = [];
        if (!z.uuid().safeParse(sessionId).success) throw validationFailed([{ path: 'form', message: 'The form is missing its id: reload the page and write it up again' }]);
        const heldOn = parseDateParts({ day: v('heldOn-day'), month: v('heldOn-month'), year: v('heldOn-year') }, { label: 'The date of the session', today: today(access.actor) });
        if (!heldOn.ok) fields.push({ path: 'heldOn', message: heldOn.message });
        if (!(supervisionKinds as readonly string[]).includes(v('kind'))) fields.push({ path: 'kind', message: 'Choose the type of supervision' });
        if (v('themes') === '') fields.push({ path: 'themes', message: 'Enter the themes you discussed' });
        const cases: SupervisionCaseInput[] = [];
        const actions: Array<{ id: string; action: string; ownerId: string; dueOn: string }> = [];
        for (let i = 0; i < formRows; i++) {
          const episodeId = v(`case-${i}-episodeId`);
          const note = v(`case-${i}-note`);
          if (episodeId === '' && note !== '') fields.push({ path: `cases.${i}.episodeId`, message: 'Choose the patient this note is about' });
          if (episodeId !== '') {
            if (!z.uuid().safeParse(episodeId).success) fields.push({ path: `cases.${i}.episodeId`, message: 'Choose a patient from the list' });
            else {
              try {
                cases.push({ id: uuidv7(), note, ...(await authoriseCaseWrite(db, { actor: access.actor, episodeId, path: `cases.${i}.episodeId` })) });
              } catch (error) {
                // A list gone stale (the patient has left the team's care since the form was shown): said
                // against the case (the refusal is audited in the seam), the form back with all that was typed.
                if (!refusedByAccess(error)) throw error;
                const refusal = { path: `cases.${i}.episodeId`, message: caseRefusedMessage(error) };
                refused.push(refusal);
                fields.push(refusal);
              }
            }
          }
          const action = v(`action-${i}-action`);
          const ownerId = v(`action-${i}-ownerId`);
          const anyDue = v(`action-${i}-dueOn-day`) + v(`action-${i}-dueOn-month`) + v(`action-${i}-dueOn-year`);
          if (action === '' && ownerId === '' && anyDue === '') continue;
          if (action === '') fields.push({ path: `actions.${i}.action`, message: 'Say what the action is' });
          if (!z.uuid().safeParse(ownerId).success) fields.push({ path: `actions.${i}.ownerId`, message: 'Choose who owns the action' });
          const due = parseDateParts({ day: v(`action-${i}-dueOn-day`), month: v(`action-${i}-dueOn-month`), year: v(`action-${i}-dueOn-year`) }, { label: 'The date the action is due', today: today(access.actor) });
          if (!due.ok) fields.push({ path: `actions.${i}.dueOn`, message: due.message });
          else actions.push({ id: uuidv7(), action, ownerId, dueOn: due.value });
        }
        // The session's own rules (a date to come, an action before the session...) said with the rest, in the form's order.
        if (heldOn.ok) {
          const said = new Set(fields.map((f) => f.path));
          const me = access.actor.staff.staffId;
          const session = { heldOn: heldOn.value, themes: v('themes') || ' ', cases: cases.map((c) => ({ episodeId: c.episodeId, note: c.note })), actions };
          fields.push(...supervisionSessionProblems({ session, superviseeId: access.supervisee.id, supervisorId: me, today: today(access.actor) }).filter((p) => !said.has(p.path) && p.path !== 'themes'));
        }
        const order = (path: string) => ['heldOn', 'kind', 'themes'].indexOf(path) + 1 || (path.startsWith('cases') ? 4 : 5);
        fields.sort((a, b) => order(a.path) - order(b.path));
        // Only cases refused: a refusal (403) on its fields; anything else to put right too: the lot, as bad input.
        if (heldOn.ok && fields.length && fields.every((f) => refused.includes(f))) throw new HomewardError('forbidden', fields[0]!.message, { fields });
        if (fields.length || !heldOn.ok) throw validationFailed(fields);
        return { heldOn: heldOn.value, cases, actions };
      },
      write: async (trx, c) => {
        // Cases keep their form rows' paths for the rule's messages: renumber problems by row.
        await recordSupervisionSession(trx, { actor: access.actor, id: sessionId, superviseeId: access.supervisee.id, heldOn: c.heldOn, kind: v('kind') as SupervisionSessionKind, themes: v('themes'), cases: c.cases, actions: c.actions });
        return `/supervision/sessions/${sessionId}?done=recorded`;
      },
      render,
    }).catch((error: unknown) => {
      if (error instanceof HomewardError && error.code === 'forbidden' && error.fields.length) return render(error.fields, 403);
      throw error;
    });
  });

  // A session, and the supervisee's confirmation.
  async function showSession(request: FastifyRequest, reply: FastifyReply, sessionId: string, o: { done?: string | undefined; values?: Record<string, string>; fields?: FieldError[]; status?: number } = {}) {
    const { access, session } = await authoriseSupervisionSession(db, actorOf(request), sessionId);
    await auditSupervisionView(db, access, { recordId: session.id, via: 'page' });
    const cases = await readSessionCases(db, { actor: access.actor, sessionId: session.id, via: 'page' });
    const actions = await listSessionActions(db, session.id);
    const me = access.actor.staff.staffId;
    const fields = o.fields ?? [];
    return reply.code(o.status ?? 200).page('people/pages/supervision-session.njk', {
      title: `Supervision on ${formatDisplayDate(session.heldOn)}`,
      section: 'supervision',
      session: { ...session, kindLabel: supervisionKindLabels[session.kind] },
      cases,
      actions: actions.map((a) => ({ ...a, mayComplete: a.status === 'open' && (a.ownerId === me || session.supervisorId === me) })),
      mayConfirm: session.status === 'recorded' && session.superviseeId === me,
      values: o.values ?? { version: String(session.version) },
      flash: o.done && Object.hasOwn(flashes, o.done) ? flashes[o.done] : null,
      errors: errorList(fields, { comment: 'comment', version: 'comment' }),
      fieldErrors: errorsByField(fields),
      backHref: access.basis === 'own' ? '/supervision' : `/supervision/people/${session.superviseeId}`,
      backText: access.basis === 'own' ? 'Your supervision' : `Supervision: ${session.superviseeName}`,
    });
  }

  typed.get('/supervision/sessions/:sessionId', { schema: { ...hidden, params: sessionParams, querystring: doneQuery } }, async (request, reply) => showSession(request, reply, request.params.sessionId, { done: request.query.done }));

  typed.post('/supervision/sessions/:sessionId/confirm', { schema: { ...hidden, params: sessionParams, body: formBody } }, async (request, reply) => {
    const { access, session } = await authoriseSupervisionSession(db, actorOf(request), request.params.sessionId);
    const values = { version: formField(request.body.version), comment: formField(request.body.comment) };
    return pageWrite(request, reply, {
      check: () => {
        const problems = commentProblems(values.comment);
        if (problems.length) throw validationFailed(problems);
        return formVersion(values.version);
      },
      write: async (trx, version) => {
        await confirmSupervisionSession(trx, { actor: access.actor, sessionId: session.id, version, comment: values.comment });
        return `/supervision/sessions/${session.id}?done=confirmed`;
      },
      render: async (fields, status, error) => {
        // A stale form: the comment typed stays, against the session as it is now, so the next Confirm works.
        const now = error.code === 'version_conflict' ? (await authoriseSupervisionSession(db, access.actor, session.id)).session : null;
        return showSession(request, reply, session.id, { values: now ? { ...values, version: String(now.version) } : values, fields, status });
      },
    });
  });

  typed.post('/supervision/actions/:actionId/done', { schema: { ...hidden, params: actionParams, body: formBody } }, async (request, reply) => {
    const actor = actorOf(request);
    const action = await findSupervisionAction(db, request.params.actionId);
    if (!action) throw new HomewardError('not_found', 'Supervision action was not found');
    await authoriseSupervisionOf(db, { actor, superviseeId: action.superviseeId, session: action });
    return pageWrite(request, reply, {
      check: () => formVersion(request.body.version),
      write: async (trx, version) => {
        await completeSupervisionAction(trx, { actor, actionId: action.id, version });
        return `/supervision/sessions/${action.sessionId}?done=action-done#action-${action.id}`;
      },
      render: (fields, status) => showSession(request, reply, action.sessionId, { fields, status }),
    });
  });
}
