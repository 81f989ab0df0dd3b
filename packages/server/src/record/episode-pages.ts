// Episodes of care as pages: the episode, allocation, hand-over, first contact, hold and resume,
// discharge and onward referrals. Same rules as the JSON API; POST/redirect/GET with confirmations.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../platform/actor.ts';
import { formBody, formField, formVersion as formVersionOf, pageWrite } from '../platform/form-body.ts';
import {
  ageOn,
  mayAllocate,
  mayHoldEpisodes,
  handOverReceiverLabels,
  handOverReceivers,
  maySupervise,
  parseDateParts,
  allocationChangeReasonLabels,
  allocationChangeReasons,
  dischargeDestinationLabels,
  dischargeDestinations,
  dischargeOutcomeLabels,
  dischargeOutcomes,
  onHoldReasonLabels,
  onHoldReasons,
  serviceLabels,
  ukDateOf,
  fromUkWallClock,
  parseTimeOfDay,
  toUkWallClock,
  type ActivityAtDischargeChoice,
  type AllocationChangeReason,
  type HandOverReceiver,
  type OnHoldReason,
} from '@homeward/clinical';
import { listProgramme } from './programme-queries.ts';
import type { ActivityResponse } from './programme-schema.ts';
import { HomewardError, notFound, type FieldError } from '../platform/homeward-error.ts';
import { errorList, errorsByField } from '../platform/pages.ts';
import { redirectSeeOther } from '../platform/request-context.ts';
import { findPatient } from '../patients/public.ts';
import { allocateEpisode, authoriseAllocation, checkAllocationChange, type AllocationChange, type AllocationKind } from '../caseload/public.ts';
import { listAllocationChoices } from '../caseload/public.ts';
import { putEpisodeOnHold } from '../caseload/public.ts';
import { recordFirstContact } from '../caseload/public.ts';
import { resumeEpisode } from '../caseload/public.ts';
import { describeEpisodeEvent } from '../caseload/public.ts';
import { assessmentPromptsForEpisode } from './review-prompts.ts';
import { dischargeEpisode, loanIdOfPath } from './discharge-episode.ts';
import type { EquipmentAtDischargePort } from './equipment-at-discharge-port.ts';
import { auditEpisodeRead, authoriseEpisodeAllocation, authoriseEpisodeRead, authoriseEpisodeWrite, type EpisodeAccess } from '../caseload/public.ts';
import { loadEpisode } from '../caseload/public.ts';
import { listEpisodeEvents, listOnwardReferrals } from '../caseload/public.ts';
import type { EpisodeResponse } from '../caseload/public.ts';
import { acknowledgeOnwardReferral, addOnwardReferral } from '../caseload/public.ts';
import { mayWriteRecord } from './record-access.ts';
import { uuidv7 } from 'uuidv7';
import { episodeLabels } from '../caseload/public.ts';

const hidden = { hide: true };
const idParams = z.object({ id: z.uuid() });
type Form = Record<string, string | string[]>;

const flashes: Record<string, string> = {
  allocated: 'Allocation saved',
  'handed-over': 'Episode handed over',
  'first-contact': 'First contact recorded. The episode is now active',
  'on-hold': 'Episode put on hold',
  resumed: 'Episode resumed',
  discharged: 'Patient discharged',
  'onward-referral': 'Onward referral recorded',
  acknowledged: 'Onward referral marked as acknowledged',
};


type ActionKind = 'first-contact' | 'hold' | 'discharge' | 'onward-referral';
const actionTitles: Record<ActionKind, string> = {
  'first-contact': 'Record first contact',
  hold: 'Put the episode on hold',
  discharge: 'Discharge the patient',
  'onward-referral': 'Refer on to another service',
};

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The discharge form's choice for each active activity: programme-<id>-ending, -receiverKind, -receiverName. */
function programmeChoicesOf(body: Form): ActivityAtDischargeChoice[] {
  const choices: ActivityAtDischargeChoice[] = [];
  for (const key of Object.keys(body)) {
    const match = /^programme-(.+)-ending$/.exec(key);
    if (!match || !uuidPattern.test(match[1]!)) continue;
    const id = match[1]!;
    // One question per activity: end it, or the receiver who carries it on.
    const answer = formField(body[key]);
    const kind = handOverReceivers.find((k) => k === answer) ?? null;
    choices.push({ activityId: id, ending: answer === 'end' ? 'end' : 'hand-over', receiverKind: kind, receiverName: formField(body[`programme-${id}-receiverName`]) || null });
  }
  return choices;
}

/** What the form suggests for an activity first: who already does it at home carries it on; the team's own visits end. */
function suggestedChoice(a: ActivityResponse): { ending: 'end' | 'hand-over'; receiverKind: HandOverReceiver | null; receiverName: string } {
  if (a.deliverer.kind === 'staff') return { ending: 'end', receiverKind: null, receiverName: '' };
  return { ending: 'hand-over', receiverKind: a.deliverer.kind, receiverName: a.deliverer.name ?? '' };
}

const staleEpisode = 'Someone else changed this episode while you had it open. Check it as it is now, then try again.';

/**
 * A refused form in the episode's words: a stale version says someone else changed the episode, and
 * the form is shown again with the episode as it is now (the 409's current record).
 */
function episodeProblem(episode: EpisodeResponse, fields: FieldError[], error: HomewardError): { fields: FieldError[]; episode: EpisodeResponse } {
  // A conflict that names its fields (equipment still undecided at discharge) says what to do itself.
  if (error.code !== 'version_conflict' || error.fields.length) return { fields, episode };
  return { fields: [{ path: 'version', message: staleEpisode }], episode: (error.current as EpisodeResponse | undefined) ?? episode };
}

export async function episodePages(app: FastifyInstance, equipment: EquipmentAtDischargePort): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const now = () => app.config.now();

  async function patientFor(episode: EpisodeResponse) {
    const patient = await findPatient(app.db, episode.patientId);
    if (!patient) throw notFound('Patient');
    return { ...patient, age: ageOn(patient.dateOfBirth, ukDateOf(now())) };
  }

  /** The episode's version from the form's hidden field (platform/form-body.ts formVersion, in the episode's words). */
  const formVersion = (body: Form) => formVersionOf(body.version, 'The form is missing the episode version; reload the page');

  typed.get('/episodes/:id', { schema: { ...hidden, params: idParams, querystring: z.object({ done: z.string().optional() }) } }, async (request, reply) => {
    const access = await authoriseEpisodeRead(app.db, { actor: actorOf(request), episode: await loadEpisode(request, request.params.id) });
    const { episode } = access;
    // Another team's episode in summary: not its history or onward referrals.
    const summary = access.grant.scope === 'summary';
    const [patient, events, onwardReferrals] = await Promise.all([
      patientFor(episode),
      summary ? Promise.resolve([]) : listEpisodeEvents(app.db, access),
      summary ? Promise.resolve([]) : listOnwardReferrals(app.db, access),
    ]);
    await auditEpisodeRead(app.db, access);
    const principal = access.grant.staff;
    return reply.page('record/pages/episode.njk', {
      title: `Episode of care: ${serviceLabels[episode.service as keyof typeof serviceLabels] ?? episode.service}`,
      section: 'caseload',
      patient,
      breakGlass: access.grant.breakGlass,
      episode,
      events: events.map((e) => ({ ...e, ...describeEpisodeEvent(e) })),
      onwardReferrals,
      labels: episodeLabels,
      summaryOnly: summary,
      // Each link only for those its route lets through, by the route's own rule (issue 11: never
      // offer an action the user cannot take).
      may: {
        allocate: mayAllocate(principal.role),
        handOver: episode.allocatedTo !== null && (episode.allocatedTo === principal.staffId || mayAllocate(principal.role)),
        change: mayHoldEpisodes(principal.role),
        supervise: maySupervise(principal.role),
        writeRecord: mayWriteRecord(principal.role),
      },
      flash: request.query.done ? (flashes[request.query.done] ?? null) : null,
      backHref: '/caseload',
      backText: 'Back to caseload',
    });
  });

  // Allocation and hand-over: the team's clinicians with their weight against capacity and whether
  // the competence rules allow them, so the choice can be fair and safe.
  async function renderAllocation(request: FastifyRequest, reply: FastifyReply, kind: AllocationKind, access: EpisodeAccess, values: Form, fields: FieldError[] = [], status = 200, episode = access.episode) {
    const rows = await listAllocationChoices(app.db, episode, ukDateOf(access.grant.actor.now));
    return reply.code(status).page('record/pages/allocate.njk', {
      title: kind === 'hand-over' ? 'Hand over the episode' : 'Allocate the episode',
      section: 'caseload',
      kind,
      action: `/episodes/${episode.id}/${kind === 'hand-over' ? 'hand-over' : 'allocate'}`,
      patient: await patientFor(episode),
      breakGlass: access.grant.breakGlass,
      episode,
      rows,
      reasonItems: allocationChangeReasons.map((value) => ({ value, text: allocationChangeReasonLabels[value], checked: values.reason === value })),
      values,
      labels: episodeLabels,
      errors: errorList(fields, { staffId: 'staffId', reason: 'reason', version: 'staffId', form: 'staffId' }),
      fieldErrors: errorsByField(fields),
      backHref: `/episodes/${episode.id}`,
    });
  }

  for (const kind of ['allocation', 'hand-over'] as const) {
    const path = kind === 'hand-over' ? 'hand-over' : 'allocate';
    typed.get(`/episodes/:id/${path}`, { schema: { ...hidden, params: idParams } }, async (request, reply) => {
      const episode = await loadEpisode(request, request.params.id);
      const access = await authoriseEpisodeAllocation(app.db, { actor: actorOf(request), episode });
      await authoriseAllocation(app.db, { access, kind: kind });
      await auditEpisodeRead(app.db, access, { purpose: kind });
      return renderAllocation(request, reply, kind, access, { formId: uuidv7() });
    });

    typed.post(`/episodes/:id/${path}`, { schema: { ...hidden, params: idParams, body: formBody } }, async (request, reply) => {
      const episode = await loadEpisode(request, request.params.id);
      const access = await authoriseEpisodeAllocation(app.db, { actor: actorOf(request), episode });
      await authoriseAllocation(app.db, { access, kind: kind });
      const body = request.body as Form;
      const values = { staffId: formField(body.staffId), reason: formField(body.reason), note: formField(body.note), formId: formField(body.formId) };
      const done = `/episodes/${episode.id}?done=${kind === 'hand-over' ? 'handed-over' : 'allocated'}`;
      type Allocation = { version: number; change: AllocationChange; staff: Awaited<ReturnType<typeof checkAllocationChange>> };
      return pageWrite<Allocation>(request, reply, {
        // Once per form (a double press, or a second button on the triage confirmation, does not allocate twice).
        formId: values.formId,
        check: async () => {
          const version = formVersion(body);
          if (version !== episode.version) throw new HomewardError('version_conflict', 'stale', { current: episode });
          const fields: FieldError[] = [];
          if (!values.staffId) fields.push({ path: 'staffId', message: kind === 'hand-over' ? 'Choose the colleague taking the episode' : 'Choose who will hold the episode, or the team’s waiting list' });
          const reason = allocationChangeReasons.find((r) => r === values.reason) ?? null;
          if (fields.length) throw new HomewardError('validation_failed', fields[0]!.message, { fields });
          const staffId = values.staffId === 'waiting-list' && kind === 'allocation' ? null : values.staffId;
          if (staffId !== null && !z.uuid().safeParse(staffId).success) throw new HomewardError('validation_failed', 'Choose a clinician from the list', { fields: [{ path: 'staffId', message: 'Choose a clinician from the list' }] });
          const change = { staffId, reason: reason as AllocationChangeReason | null, note: values.note || null };
          const staff = await checkAllocationChange(app.db, { access, kind: kind, change });
          return { version, change, staff };
        },
        write: async (trx, allocation) => {
          await allocateEpisode(trx, { access, kind, ...allocation });
          return done;
        },
        render: (fields, status, error) => {
          const shown = episodeProblem(episode, fields, error);
          return renderAllocation(request, reply, kind, { ...access, episode: shown.episode }, values, shown.fields, status, shown.episode);
        },
      });
    });
  }

  async function programmeAtDischargeItems(access: EpisodeAccess, values: Form) {
    const active = (await listProgramme(app.db, access, { today: ukDateOf(now()) })).filter((a) => a.status === 'active');
    return active.map((a) => {
      const p = `programme-${a.id}`;
      const sent = values[`${p}-ending`] !== undefined;
      const suggested = suggestedChoice(a);
      const answer = sent ? (values[`${p}-ending`] as string) : suggested.ending === 'end' ? 'end' : (suggested.receiverKind as string);
      return {
        id: a.id,
        title: a.title,
        frequency: a.frequency,
        deliverer: a.deliverer.description,
        receiverName: sent ? (values[`${p}-receiverName`] as string) : suggested.receiverName,
        items: [
          { value: 'end', text: 'End it at discharge', checked: answer === 'end' },
          ...handOverReceivers.map((k) => ({ value: k, text: `Hand it over: ${handOverReceiverLabels[k].toLowerCase()} carries it on`, checked: answer === k })),
        ],
      };
    });
  }

  // First contact, hold, discharge and onward referral: one form page each.
  async function renderAction(reply: FastifyReply, action: ActionKind, access: EpisodeAccess, values: Form, fields: FieldError[] = [], status = 200, episode = access.episode, flash: string | null = null) {
    const checked = (list: readonly string[], selected: unknown) => list.map((value) => ({ value, checked: value === selected }));
    // Said before the clinician fills the form, not only in the refusal: the items still undecided and the
    // prescriptions not yet delivered (read through the equipment port, which audits them), and where each is settled.
    const discharging = action === 'discharge' && episode.status !== 'discharged';
    const equipmentItems = discharging ? await equipment.list(app.db, { grant: access.grant, episodeId: episode.id, page: 'discharge', withPrescribed: true }) : [];
    const undecidedEquipment = equipmentItems.filter((item) => !item.prescribed && item.decisionText === null);
    const prescribedEquipment = equipmentItems.filter((item) => item.prescribed);
    return reply.code(status).page('record/pages/episode-action.njk', {
      title: actionTitles[action],
      section: 'caseload',
      actionKind: action,
      action: `/episodes/${episode.id}/${action === 'onward-referral' ? 'onward-referrals/new' : action}`,
      patient: await patientFor(episode),
      breakGlass: access.grant.breakGlass,
      episode,
      values,
      labels: episodeLabels,
      items: {
        holdReasons: checked(onHoldReasons, values.reason).map((i) => ({ ...i, text: onHoldReasonLabels[i.value as OnHoldReason] })),
        outcomes: checked(dischargeOutcomes, values.outcome).map((i) => ({ ...i, text: dischargeOutcomeLabels[i.value as keyof typeof dischargeOutcomeLabels] })),
        destinations: checked(dischargeDestinations, values.destination).map((i) => ({ ...i, text: dischargeDestinationLabels[i.value as keyof typeof dischargeDestinationLabels] })),
      },
      // Discharging is when the final scores are taken: say which measures still need one.
      prompts: action === 'discharge' ? await assessmentPromptsForEpisode(app.db, { ...access, episode }, ukDateOf(now()), { discharging: true }) : [],
      mayRecordAssessments: mayWriteRecord(access.grant.staff.role),
      // And when the programme of care ends or is handed over: each active activity, with the choice made.
      programme: action === 'discharge' && episode.status !== 'discharged' ? await programmeAtDischargeItems({ ...access, episode }, values) : [],
      undecidedEquipment,
      equipmentDecideHref: equipment.decideHref(episode.id),
      // And the prescriptions not yet delivered, which are delivered or cancelled on the equipment page.
      prescribedEquipment,
      equipmentHref: equipment.equipmentHref(episode.id),
      // An item of equipment still undecided links to the page where it is decided; a prescription to the equipment page.
      errors: errorList(fields, { at: 'at-day', dischargedOn: 'dischargedOn-day', outcome: 'outcome', destination: 'destination', reason: 'reason', version: 'main-form', form: 'main-form' }).map((e, i) => {
        const loanId = loanIdOfPath(fields[i]!.path);
        if (!loanId) return e;
        return { ...e, href: prescribedEquipment.some((p) => p.loanId === loanId) ? equipment.equipmentHref(episode.id) : equipment.decideHref(episode.id) };
      }),
      fieldErrors: errorsByField(fields),
      flash,
      backHref: `/episodes/${episode.id}`,
    });
  }

  const actionPaths: Record<ActionKind, string> = { 'first-contact': 'first-contact', hold: 'hold', discharge: 'discharge', 'onward-referral': 'onward-referrals/new' };
  for (const action of Object.keys(actionPaths) as ActionKind[]) {
    typed.get(`/episodes/:id/${actionPaths[action]}`, { schema: { ...hidden, params: idParams, querystring: z.object({ details: z.string().optional() }) } }, async (request, reply) => {
      const access = await authoriseEpisodeWrite(app.db, { actor: actorOf(request), episode: await loadEpisode(request, request.params.id), change: action });
      await auditEpisodeRead(app.db, access, { purpose: action });
      const today = ukDateOf(now());
      const [year, month, day] = today.split('-');
      const defaults: Form =
        action === 'first-contact'
          ? { 'at-day': String(Number(day)), 'at-month': String(Number(month)), 'at-year': year!, 'at-time': toUkWallClock(now()).time }
          : action === 'discharge'
            ? { 'dischargedOn-day': String(Number(day)), 'dischargedOn-month': String(Number(month)), 'dischargedOn-year': year! }
            : action === 'onward-referral'
              ? // Creates a record: once per form, so a double press does not refer twice.
                { formId: uuidv7() }
              : {};
      return renderAction(reply, action, access, defaults, [], 200, access.episode, request.query.details === 'saved' ? 'Patient details saved.' : null);
    });
  }

  typed.post('/episodes/:id/first-contact', { schema: { ...hidden, params: idParams, body: formBody } }, async (request, reply) => {
    const access = await authoriseEpisodeWrite(app.db, { actor: actorOf(request), episode: await loadEpisode(request, request.params.id), change: 'first-contact' });
    const body = request.body as Form;
    const values: Form = { 'at-day': formField(body['at-day']), 'at-month': formField(body['at-month']), 'at-year': formField(body['at-year']), 'at-time': formField(body['at-time']), assessed: formField(body.assessed) };
    return pageWrite(request, reply, {
      check: () => {
        const version = formVersion(body);
        const date = parseDateParts({ day: formField(body['at-day']), month: formField(body['at-month']), year: formField(body['at-year']) }, { label: 'Date of first contact', today: ukDateOf(now()) });
        const time = parseTimeOfDay(formField(body['at-time']));
        const fields: FieldError[] = [];
        if (!date.ok) fields.push({ path: 'at', message: date.message });
        if (time === null) fields.push({ path: 'atTime', message: formField(body['at-time']) ? 'Enter a real time, using the 24-hour clock, for example 14:30' : 'Enter the time of first contact' });
        const at = date.ok && time !== null ? fromUkWallClock(date.value, time) : null;
        if (date.ok && time !== null && !at) fields.push({ path: 'atTime', message: 'That time did not happen: the clocks went forward an hour. Check the time' });
        if (!at) throw new HomewardError('validation_failed', fields[0]!.message, { fields });
        return { version, contact: { at, nextContactAt: null, assessed: values.assessed === 'yes' } };
      },
      write: async (trx, { version, contact }) => {
        await recordFirstContact(trx, { access, contact, version });
        return `/episodes/${access.episode.id}?done=first-contact`;
      },
      render: (fields, status, error) => {
        const shown = episodeProblem(access.episode, fields, error);
        return renderAction(reply, 'first-contact', { ...access, episode: shown.episode }, values, shown.fields, status, shown.episode);
      },
    });
  });

  typed.post('/episodes/:id/hold', { schema: { ...hidden, params: idParams, body: formBody } }, async (request, reply) => {
    const access = await authoriseEpisodeWrite(app.db, { actor: actorOf(request), episode: await loadEpisode(request, request.params.id), change: 'hold' });
    const body = request.body as Form;
    const values: Form = { reason: formField(body.reason), note: formField(body.note) };
    return pageWrite(request, reply, {
      check: () => {
        const version = formVersion(body);
        const reason = onHoldReasons.find((r) => r === values.reason);
        if (!reason) throw new HomewardError('validation_failed', 'Choose why the episode is on hold', { fields: [{ path: 'reason', message: 'Choose why the episode is on hold' }] });
        return { version, hold: { reason, note: (values.note as string) || null } };
      },
      write: async (trx, { version, hold }) => {
        await putEpisodeOnHold(trx, { access, hold, version });
        return `/episodes/${access.episode.id}?done=on-hold`;
      },
      render: (fields, status, error) => {
        const shown = episodeProblem(access.episode, fields, error);
        return renderAction(reply, 'hold', { ...access, episode: shown.episode }, values, shown.fields, status, shown.episode);
      },
    });
  });

  typed.post('/episodes/:id/resume', { schema: { ...hidden, params: idParams, body: formBody } }, async (request, reply) => {
    const access = await authoriseEpisodeWrite(app.db, { actor: actorOf(request), episode: await loadEpisode(request, request.params.id), change: 'resume' });
    const body = request.body as Form;
    try {
      await app.db.transaction().execute((trx) => resumeEpisode(trx, { access, version: formVersion(body) }));
    } catch (error) {
      // The episode page shows the episode as it is now; a stale or repeated press is not an error worth a form.
      if (error instanceof HomewardError && (error.code === 'version_conflict' || error.code === 'validation_failed')) return redirectSeeOther(reply, `/episodes/${access.episode.id}`);
      throw error;
    }
    return redirectSeeOther(reply, `/episodes/${access.episode.id}?done=resumed`);
  });

  typed.post('/episodes/:id/discharge', { schema: { ...hidden, params: idParams, body: formBody } }, async (request, reply) => {
    const access = await authoriseEpisodeWrite(app.db, { actor: actorOf(request), episode: await loadEpisode(request, request.params.id), change: 'discharge' });
    const body = request.body as Form;
    const values: Form = {
      outcome: formField(body.outcome),
      destination: formField(body.destination),
      'dischargedOn-day': formField(body['dischargedOn-day']),
      'dischargedOn-month': formField(body['dischargedOn-month']),
      'dischargedOn-year': formField(body['dischargedOn-year']),
      note: formField(body.note),
    };
    for (const key of Object.keys(body)) if (key.startsWith('programme-')) values[key] = formField(body[key]);
    const programme = programmeChoicesOf(body);
    const date = parseDateParts(
      { day: values['dischargedOn-day'] as string, month: values['dischargedOn-month'] as string, year: values['dischargedOn-year'] as string },
      { label: 'Date of discharge', today: ukDateOf(now()) },
    );
    return pageWrite(request, reply, {
      check: () => formVersion(body),
      write: async (trx, version) => {
        const input = { outcome: (values.outcome as string) || null, destination: (values.destination as string) || null, dischargedOn: date.ok ? date.value : null, note: (values.note as string) || null };
        try {
          await dischargeEpisode(trx, { access, input, programme, version, equipment });
        } catch (error) {
          // The date's own message (missing month, not a real date) says more than "enter the date".
          if (!date.ok && error instanceof HomewardError && error.code === 'validation_failed') {
            throw new HomewardError('validation_failed', error.message, { fields: error.fields.map((f) => (f.path === 'dischargedOn' ? { path: 'dischargedOn', message: date.message } : f)) });
          }
          throw error;
        }
        return `/episodes/${access.episode.id}?done=discharged`;
      },
      render: (fields, status, error) => {
        const shown = episodeProblem(access.episode, fields, error);
        return renderAction(reply, 'discharge', { ...access, episode: shown.episode }, values, shown.fields, status, shown.episode);
      },
    });
  });

  typed.post('/episodes/:id/onward-referrals/new', { schema: { ...hidden, params: idParams, body: formBody } }, async (request, reply) => {
    const access = await authoriseEpisodeWrite(app.db, { actor: actorOf(request), episode: await loadEpisode(request, request.params.id), change: 'onward-referral' });
    const body = request.body as Form;
    const values: Form = { toService: formField(body.toService), note: formField(body.note), formId: formField(body.formId) };
    const done = `/episodes/${access.episode.id}?done=onward-referral`;
    return pageWrite(request, reply, {
      // Creates a record: once per form, so a double press does not refer twice.
      formId: values.formId as string,
      check: () => {
        if ((values.toService as string).length > 200) throw new HomewardError('validation_failed', 'Service must be 200 characters or fewer', { fields: [{ path: 'toService', message: 'Service must be 200 characters or fewer' }] });
      },
      write: async (trx) => {
        await addOnwardReferral(trx, { access, toService: values.toService as string, note: (values.note as string) || null });
        return done;
      },
      render: (fields, status, error) => {
        const shown = episodeProblem(access.episode, fields, error);
        return renderAction(reply, 'onward-referral', { ...access, episode: shown.episode }, values, shown.fields, status, shown.episode);
      },
    });
  });

  typed.post(
    '/episodes/:id/onward-referrals/:onwardReferralId/acknowledge',
    { schema: { ...hidden, params: z.object({ id: z.uuid(), onwardReferralId: z.uuid() }), body: formBody } },
    async (request, reply) => {
      const access = await authoriseEpisodeWrite(app.db, { actor: actorOf(request), episode: await loadEpisode(request, request.params.id), change: 'onward-acknowledged' });
      const body = request.body as Form;
      try {
        await app.db.transaction().execute((trx) =>
          acknowledgeOnwardReferral(trx, { access, onwardReferralId: request.params.onwardReferralId, version: formVersion(body) }),
        );
      } catch (error) {
        if (error instanceof HomewardError && (error.code === 'version_conflict' || error.code === 'validation_failed')) return redirectSeeOther(reply, `/episodes/${access.episode.id}`);
        throw error;
      }
      return redirectSeeOther(reply, `/episodes/${access.episode.id}?done=acknowledged`);
    },
  );
}
