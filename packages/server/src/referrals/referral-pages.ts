// Referrals as pages: intake from a patient's record, the team's incoming list, one referral, triage
// and rejection. Same rules as the JSON API (referral-api-routes.ts).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { actorOf } from '../platform/actor.ts';
import { z } from 'zod';
import { formBody } from '../platform/form-body.ts';
import { uuidv7 } from 'uuidv7';
import {
  ageOn,
  complexities,
  complexityLabels,
  describeStandard,
  formatDuration,
  mayAllocate,
  mayTriage,
  priorities,
  priorityLabels,
  priorityMeanings,
  referralSourceLabels,
  referralSources,
  rejectionReasonLabels,
  rejectionReasons,
  responseDueAt,
  responseStandardFor,
  serviceDescriptions,
  serviceLabels,
  services,
  settingLabels,
  settings,
  skillLabels,
  skills,
  urgencies,
  urgencyLabels,
  formatUkDateTime,
  hasGpPractice,
  ukDateOf,
} from '@homeward/clinical';
import { HomewardError, notFound, type FieldError } from '../platform/homeward-error.ts';
import { errorList, errorsByField } from '../platform/pages.ts';
import { redirectSeeOther, requireClinician } from '../platform/request-context.ts';
import { authorisePatientAccess, auditRead, type AccessGrant, type ReadGrant } from '../access/public.ts';
import { readReferral } from './read-referral.ts';
import { findPatient } from '../patients/public.ts';
import type { PatientResponse } from '../patients/public.ts';
import { changePatientDetails } from '../patients/public.ts';
import { patientDetailsOf } from '../patients/public.ts';
import { authoriseReferralDecision, decisionRefusal } from './authorise-referral-decision.ts';
import { authoriseReferralIntake, makeReferral, unknownPatient, type ReferralIntakeGrant } from './make-referral.ts';
import { asFormValues, formAnchors, newReferralValues, parseGpPracticeFields, parseReferralForm, parseRejectForm, parseTriageForm, type FormValues } from './referral-form.ts';
import { findEpisodeForReferral, findReferral, listTeamReferrals, staffName } from './referral-queries.ts';
import type { ReferralResponse } from './referral-schema.ts';
import { rejectReferral } from './reject-referral.ts';
import { auditTeamReferralList, authoriseTeamReferralList, referralListLimit } from './team-referral-list.ts';
import { triageReferral } from './triage-referral.ts';
import { isStoredVersion } from '../platform/number-schemas.ts';
import { findEpisode } from '../caseload/public.ts';
import { listAllocationChoices, type AllocationChoice } from '../caseload/public.ts';

const patientParams = z.object({ id: z.uuid() });
const idParams = z.object({ id: z.uuid() });
const hidden = { hide: true };

const labelled = <T extends string>(values: readonly T[], labels: Record<T, string>, hints?: Record<T, string>) =>
  values.map((value) => ({ value, text: labels[value], hint: hints?.[value] }));

const options = {
  sources: labelled(referralSources, referralSourceLabels),
  services: labelled(services, serviceLabels, serviceDescriptions),
  settings: labelled(settings, settingLabels),
  urgencies: labelled(urgencies, urgencyLabels),
  complexities: labelled(complexities, complexityLabels),
  skills: labelled(skills, skillLabels),
  rejectionReasons: labelled(rejectionReasons, rejectionReasonLabels),
};

export async function referralPages(app: FastifyInstance): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const now = () => app.config.now();
  const today = () => now().toISOString().slice(0, 10);
  const withAge = (p: PatientResponse) => ({ ...p, age: ageOn(p.dateOfBirth, today()) });
  async function loadReferral(id: string): Promise<ReferralResponse> {
    const referral = await findReferral(app.db, id);
    if (!referral) throw notFound('Referral');
    return referral;
  }

  async function loadPatient(id: string): Promise<PatientResponse> {
    const patient = await findPatient(app.db, id);
    if (!patient) throw notFound('Patient');
    return patient;
  }

  /** Refusals on pages offer break-glass rather than a dead end. */
  async function authoriseOrOfferBreakGlass(request: FastifyRequest, reply: FastifyReply, referral: ReferralResponse): Promise<AccessGrant<'read'> | null> {
    const patientId = referral.patientId;
    try {
      // A referral belongs to the team it was made to: another team's is detail of their care (break-glass).
      return await authorisePatientAccess(request.server.db, { actor: actorOf(request), patientId, action: 'read', recordKind: 'referral', record: { id: referral.id, teamId: referral.teamId } });
    } catch (error) {
      if (error instanceof HomewardError && error.code === 'no_legitimate_relationship') {
        reply.code(403).page('views/error.njk', { title: 'You do not have access to this record', message: error.message, breakGlassHref: `/patients/${patientId}/break-glass`, requestId: request.id });
        return null;
      }
      throw error;
    }
  }

  // ---- Intake -------------------------------------------------------------------------------------

  // The maker can already see the patient (their team's relationship, or their own break-glass).
  async function intakePage(request: FastifyRequest, patient: PatientResponse, grant: ReferralIntakeGrant, extra: Record<string, unknown>) {
    return {
      title: 'Make a referral',
      section: 'referrals',
      patient: withAge(patient),
      breakGlass: grant.breakGlass,
      options,
      action: `/patients/${patient.id}/referrals/new`,
      teamName: await teamName(request),
      backHref: `/patients/${patient.id}`,
      ...extra,
    };
  }

  async function teamName(request: FastifyRequest): Promise<string> {
    const teamId = request.principal?.teamId;
    if (!teamId) return 'your team';
    const team = await app.db.selectFrom('teams').select('name').where('id', '=', teamId).executeTakeFirst();
    return team?.name ?? 'your team';
  }

  typed.get('/patients/:id/referrals/new', { schema: { ...hidden, params: patientParams } }, async (request, reply) => {
    await requireClinician(request);
    const patient = await findPatient(app.db, request.params.id);
    if (!patient) throw unknownPatient();
    const grant = await authoriseReferralIntake(app.db, { actor: actorOf(request), patientId: patient.id });
    await auditRead(grant.access, app.db, { recordKind: 'patient', recordId: patient.id, detail: { purpose: 'referral' } });
    return reply.page('referrals/pages/new.njk', await intakePage(request, patient, grant, { formId: uuidv7(), values: newReferralValues(now()) }));
  });

  typed.post('/patients/:id/referrals/new', { schema: { ...hidden, params: patientParams, body: formBody } }, async (request, reply) => {
    await requireClinician(request);
    const patient = await findPatient(app.db, request.params.id);
    if (!patient) throw unknownPatient();
    const grant = await authoriseReferralIntake(app.db, { actor: actorOf(request), patientId: patient.id });
    const body = request.body as FormValues;
    const formId = typeof body.formId === 'string' && z.uuid({ version: 'v7' }).safeParse(body.formId).success ? body.formId : uuidv7();
    const rerender = async (status: number, fields: FieldError[], extra: Record<string, unknown> = {}) =>
      reply.code(status).page(
        'referrals/pages/new.njk',
        await intakePage(request, patient, grant, {
          formId,
          values: asFormValues(body),
          errors: errorList(fields, formAnchors(fields)),
          fieldErrors: errorsByField(fields),
          ...extra,
        }),
      );
    const parsed = parseReferralForm(body, now(), patient.dateOfBirth);
    // Asked on the form only when the patient has none recorded; reported with the referral's own errors.
    const gp = hasGpPractice(patient) ? { ok: true as const, practice: null } : parseGpPracticeFields(body);
    const problems = [...(parsed.ok ? [] : parsed.fields), ...(gp.ok ? [] : gp.fields)];
    if (!parsed.ok || !gp.ok) return rerender(400, problems);
    // The form's id becomes the referral's id, so pressing the button twice makes one referral.
    const already = await findReferral(app.db, formId);
    if (already && already.createdBy === request.principal?.staffId && already.patientId === patient.id) return redirectSeeOther(reply, `/referrals/${formId}?received=1`);
    try {
      await app.db.transaction().execute(async (trx) => {
        await makeReferral(trx, { id: formId, details: parsed.details, grant, confirmDuplicate: body.confirmDuplicate === 'yes' });
        if (gp.practice) {
          await changePatientDetails(trx, { grant: grant.access, version: patient.version, details: { ...patientDetailsOf(patient), gpPracticeCode: gp.practice.code, gpPracticeName: gp.practice.name } });
        }
      });
    } catch (error) {
      if (error instanceof HomewardError && error.code === 'version_conflict') {
        return rerender(409, [{ path: 'gpPracticeName', message: 'Someone changed the patient’s details while you were writing the referral. Check the GP practice and save again.' }]);
      }
      if (error instanceof HomewardError && error.code === 'duplicate' && error.current) {
        const open = error.current as ReferralResponse;
        return rerender(409, [{ path: 'confirmDuplicate', message: 'This patient already has an open referral to this service. Check it, or confirm this is a new referral.' }], {
          duplicate: { id: open.id, service: serviceLabels[open.service], receivedAt: open.receivedAt, status: open.status, message: error.message },
        });
      }
      throw error;
    }
    return redirectSeeOther(reply, `/referrals/${formId}?received=1`);
  });

  // ---- The team's incoming list ---------------------------------------------------------------------

  typed.get('/referrals', { schema: { ...hidden, querystring: z.object({ rejected: z.string().optional() }) } }, async (request, reply) => {
    const actor = actorOf(request);
      const principal = await authoriseTeamReferralList(app.db, { actor, status: 'incoming' });
    const referrals = await listTeamReferrals(app.db, { teamId: principal.teamId, status: 'incoming', now: now(), limit: referralListLimit });
    await auditTeamReferralList(app.db, { actor, status: 'incoming', referrals });
    return reply.page('referrals/pages/incoming.njk', {
      title: 'Incoming referrals',
      section: 'referrals',
      teamName: await teamName(request),
      referrals: referrals.map((r) => ({
        ...r,
        serviceLabel: serviceLabels[r.service],
        urgencyLabel: urgencyLabels[r.urgencyRequested],
        waiting: formatDuration(r.waitingMinutes),
      })),
      limit: referralListLimit,
      flash: request.query.rejected ? 'Referral rejected. The reason is kept for the referrer.' : null,
    });
  });

  // ---- One referral ---------------------------------------------------------------------------------

  typed.get(
    '/referrals/:id',
    { schema: { ...hidden, params: idParams, querystring: z.object({ received: z.string().optional(), triaged: z.string().optional() }) } },
    async (request, reply) => {
      const principal = await requireClinician(request);
      const found = await loadReferral(request.params.id);
      const grant = await authoriseOrOfferBreakGlass(request, reply, found);
      if (!grant) return reply;
      const patient = await loadPatient(found.patientId);
      const episode = found.status === 'accepted' ? await findEpisodeForReferral(app.db, found.id) : null;
      const referral = await readReferral(app.db, { grant, referralId: found.id });
      const ownTeam = referral.teamId === principal.teamId;
      // The next step after triage, on the same page: who can take the patient, with one button each.
      const allocation = episode && ownTeam && grant.scope === 'full' && mayAllocate(principal.role) ? await allocationOffer(grant, episode.id) : null;
      let flash: string | null = null;
      if (request.query.received) flash = 'Referral received. It is on your team’s incoming list, waiting for triage.';
      if (request.query.triaged && episode) {
        const standard = responseStandardFor(episode.service, episode.priority);
        flash = `Referral triaged and an episode of care opened, waiting for allocation. First contact is due by ${formatUkDateTime(episode.responseDueAt)} (${standard.name}: ${describeStandard(standard)} from ${formatUkDateTime(episode.clockStartsAt)}).`;
      }
      return reply.page('referrals/pages/referral.njk', {
        title: 'Referral',
        section: 'referrals',
        patient: withAge(patient),
        breakGlass: grant.breakGlass,
        referral: {
          ...referral,
          sourceLabel: referralSourceLabels[referral.source],
          serviceLabel: serviceLabels[referral.service],
          settingLabel: settingLabels[referral.setting],
          urgencyLabel: urgencyLabels[referral.urgencyRequested],
          rejectionReasonLabel: referral.rejectionReason ? rejectionReasonLabels[referral.rejectionReason] : null,
          createdByName: await staffName(app.db, referral.createdBy),
          decidedByName: await staffName(app.db, referral.decidedBy),
        },
        episode: episode
          ? {
              ...episode,
              priorityLabel: priorityLabels[episode.priority],
              complexityLabel: complexityLabels[episode.complexity],
              skillsLabel: episode.skillsNeeded.map((s) => skillLabels[s]).join(', '),
              triagedByName: await staffName(app.db, episode.triagedBy),
            }
          : null,
        canDecide: referral.status === 'incoming' && ownTeam && mayTriage(principal.role),
        decideRefusal: referral.status === 'incoming' && ownTeam && !mayTriage(principal.role) ? decisionRefusal('triage') : null,
        flash,
        allocation,
        backHref: ownTeam ? '/referrals' : `/patients/${patient.id}`,
        backText: ownTeam ? 'Incoming referrals' : 'Back',
      });
    },
  );

  /**
   * The allocation offered on a triaged referral while its episode is on the waiting list: the team's
   * staff split by the competence rule (those who can, least loaded first; those who cannot, with the
   * rule's words), each with a one-press form to /episodes/:id/allocate, which checks the version and
   * competence again, writes once per formId and audits. Showing it is audited as a read of the episode.
   */
  async function allocationOffer(grant: ReadGrant, episodeId: string) {
    const episode = await findEpisode(app.db, episodeId, now());
    if (!episode || episode.patientId !== grant.patientId || episode.allocatedTo !== null || episode.status === 'discharged') return null;
    const choices = await listAllocationChoices(app.db, episode, ukDateOf(grant.actor.now));
    await auditRead(grant, app.db, { recordKind: 'episode', recordId: episode.id, detail: { purpose: 'allocation-offer' } });
    const load = (c: AllocationChoice) => c.percent ?? Number.POSITIVE_INFINITY;
    return {
      episodeId: episode.id,
      version: episode.version,
      formId: uuidv7(),
      canHold: choices.filter((c) => c.decision.allowed).sort((a, b) => load(a) - load(b) || a.name.localeCompare(b.name)),
      cannotHold: choices.filter((c) => !c.decision.allowed).map((c) => ({ ...c, reason: c.decision.allowed ? '' : c.decision.message })),
    };
  }

  // ---- Triage ---------------------------------------------------------------------------------------

  function priorityItems(referral: ReferralResponse) {
    const clockStartsAt = new Date(referral.receivedAt);
    return priorities.map((p) => {
      const standard = responseStandardFor(referral.service, p);
      return {
        value: p,
        text: priorityLabels[p],
        hint: `${priorityMeanings[p]}. First contact due by ${formatUkDateTime(responseDueAt({ service: referral.service, priority: p, clockStartsAt }))} (${standard.name}: ${describeStandard(standard)}).`,
      };
    });
  }

  async function triagePage(referral: ReferralResponse, grant: ReadGrant, extra: Record<string, unknown>) {
    const patient = await loadPatient(referral.patientId);
    return {
      title: 'Triage referral',
      section: 'referrals',
      patient: withAge(patient),
      breakGlass: grant.breakGlass,
      referral: { ...referral, serviceLabel: serviceLabels[referral.service], urgencyLabel: urgencyLabels[referral.urgencyRequested], settingLabel: settingLabels[referral.setting] },
      options: { ...options, priorities: priorityItems(referral) },
      version: referral.version,
      backHref: `/referrals/${referral.id}`,
      ...extra,
    };
  }

  typed.get('/referrals/:id/triage', { schema: { ...hidden, params: idParams } }, async (request, reply) => {
    await requireClinician(request);
    const referral = await loadReferral(request.params.id);
    const grant = await authoriseReferralDecision(app.db, { actor: actorOf(request), referral, decision: 'triage', action: 'read' });
    if (referral.status !== 'incoming') return redirectSeeOther(reply, `/referrals/${referral.id}`);
    await auditRead(grant, app.db, { recordKind: 'referral', recordId: referral.id, detail: { purpose: 'triage' } });
    return reply.page('referrals/pages/triage.njk', await triagePage(referral, grant, { values: { visitsPerWeek: '2', skillsNeeded: [] } }));
  });

  typed.post('/referrals/:id/triage', { schema: { ...hidden, params: idParams, body: formBody } }, async (request, reply) => {
    const principal = await requireClinician(request);
    const referral = await loadReferral(request.params.id);
    const grant = await authoriseReferralDecision(app.db, { actor: actorOf(request), referral, decision: 'triage', action: 'write' });
    const body = request.body as FormValues;
    const values = asFormValues(body, ['skillsNeeded']);
    const rerender = async (status: number, fields: FieldError[], extra: Record<string, unknown> = {}) =>
      reply.code(status).page('referrals/pages/triage.njk', await triagePage(referral, grant, { values, errors: errorList(fields, formAnchors(fields)), fieldErrors: errorsByField(fields), ...extra }));
    const parsed = parseTriageForm(body);
    if (!parsed.ok) return rerender(400, parsed.fields);
    const version = Number(body.version);
    if (!isStoredVersion(version)) throw new HomewardError('validation_failed', 'The form is missing the referral’s version; reload the page');
    try {
      await app.db.transaction().execute((trx) => triageReferral(trx, { grant, referralId: referral.id, version, triage: parsed.triage }));
    } catch (error) {
      if (error instanceof HomewardError && (error.code === 'duplicate' || error.code === 'version_conflict')) {
        const current = error.current as ReferralResponse;
        // A double press of the button: the triage this person just recorded is what stands.
        if (current.status === 'accepted' && current.decidedBy === principal.staffId) return redirectSeeOther(reply, `/referrals/${referral.id}?triaged=1`);
        return rerender(409, [{ path: 'version', message: error.message }], { closed: current.status !== 'incoming', version: current.version });
      }
      throw error;
    }
    return redirectSeeOther(reply, `/referrals/${referral.id}?triaged=1`);
  });

  // ---- Reject ---------------------------------------------------------------------------------------

  async function rejectPage(referral: ReferralResponse, grant: ReadGrant, extra: Record<string, unknown>) {
    const patient = await loadPatient(referral.patientId);
    return {
      title: 'Reject referral',
      section: 'referrals',
      patient: withAge(patient),
      breakGlass: grant.breakGlass,
      referral: { ...referral, serviceLabel: serviceLabels[referral.service] },
      options,
      version: referral.version,
      backHref: `/referrals/${referral.id}`,
      ...extra,
    };
  }

  typed.get('/referrals/:id/reject', { schema: { ...hidden, params: idParams } }, async (request, reply) => {
    await requireClinician(request);
    const referral = await loadReferral(request.params.id);
    const grant = await authoriseReferralDecision(app.db, { actor: actorOf(request), referral, decision: 'reject', action: 'read' });
    if (referral.status !== 'incoming') return redirectSeeOther(reply, `/referrals/${referral.id}`);
    await auditRead(grant, app.db, { recordKind: 'referral', recordId: referral.id, detail: { purpose: 'reject' } });
    return reply.page('referrals/pages/reject.njk', await rejectPage(referral, grant, { values: {} }));
  });

  typed.post('/referrals/:id/reject', { schema: { ...hidden, params: idParams, body: formBody } }, async (request, reply) => {
    const principal = await requireClinician(request);
    const referral = await loadReferral(request.params.id);
    const grant = await authoriseReferralDecision(app.db, { actor: actorOf(request), referral, decision: 'reject', action: 'write' });
    const body = request.body as FormValues;
    const rerender = async (status: number, fields: FieldError[], extra: Record<string, unknown> = {}) =>
      reply.code(status).page('referrals/pages/reject.njk', await rejectPage(referral, grant, { values: body, errors: errorList(fields, formAnchors(fields)), fieldErrors: errorsByField(fields), ...extra }));
    const parsed = parseRejectForm(body);
    if (!parsed.ok) return rerender(400, parsed.fields);
    const version = Number(body.version);
    if (!isStoredVersion(version)) throw new HomewardError('validation_failed', 'The form is missing the referral’s version; reload the page');
    try {
      await app.db.transaction().execute((trx) => rejectReferral(trx, { grant, referralId: referral.id, version, rejection: parsed.rejection }));
    } catch (error) {
      if (error instanceof HomewardError && error.code === 'version_conflict') {
        const current = error.current as ReferralResponse;
        if (current.status === 'rejected' && current.decidedBy === principal.staffId && current.rejectionReason === parsed.rejection.reason) return redirectSeeOther(reply, '/referrals?rejected=1');
        return rerender(409, [{ path: 'version', message: error.message }], { closed: current.status !== 'incoming', version: current.version });
      }
      throw error;
    }
    // The list, not the referral: once rejected, the referral no longer gives the team a relationship.
    return redirectSeeOther(reply, '/referrals?rejected=1');
  });
}
