// The patient index as pages: find, register, view, edit, history. Same rules as the JSON API.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { actorOf } from '../platform/actor.ts';
import { z } from 'zod';
import { formBody } from '../platform/form-body.ts';
import { uuidv7 } from 'uuidv7';
import {
  ageOn,
  communicationNeedKinds,
  communicationNeedLabels,
  nhsNumberError,
  normaliseNhsNumber,
  parseDateParts,
  riskFlagKinds,
  riskFlagLabels,
  sexes,
  sexLabels,
} from '@homeward/clinical';
import { HomewardError, notFound } from '../platform/homeward-error.ts';
import { errorList, errorsByField } from '../platform/pages.ts';
import { redirectSeeOther, requireClinician } from '../platform/request-context.ts';
import { authorisePatientAccess, type AccessGrant } from '../access/public.ts';
import { readPatient, readPatientHistory } from './read-patient.ts';
import { stableStringify } from '../platform/stable-json.ts';
import { changePatientDetails } from './change-patient-details.ts';
import { findPatients, nameSearchProblems } from './find-patients.ts';
import { loadPatientHub } from './load-patient-hub.ts';
import { fieldAnchor, formValuesFromPatient, parsePatientForm, type PatientFormValues } from './patient-form.ts';
import { findPatient, type PatientSearch } from './patient-queries.ts';
import type { PatientResponse } from './patient-schema.ts';
import { authorisePatientRegistration, registerPatient } from './register-patient.ts';

const idParams = z.object({ id: z.uuid() });
const hidden = { hide: true };

const formOptions = {
  sexes: sexes.map((value) => ({ value, text: sexLabels[value] })),
  communicationNeeds: communicationNeedKinds.map((value) => ({ value, text: communicationNeedLabels[value] })),
  riskFlags: riskFlagKinds.map((value) => ({ value, text: riskFlagLabels[value] })),
};

export async function patientPages(app: FastifyInstance): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const today = () => app.config.now().toISOString().slice(0, 10);
  const withAge = (p: PatientResponse) => ({ ...p, age: ageOn(p.dateOfBirth, today()) });
  const loadPatient = async (id: string) => {
    const patient = await findPatient(app.db, id);
    if (!patient) throw notFound('Patient');
    return patient;
  };

  /** Refusals on pages offer break-glass rather than a dead end. */
  async function authoriseOrOfferBreakGlass<A extends 'read' | 'write'>(request: FastifyRequest, reply: FastifyReply, patientId: string, action: A, recordKind = 'patient'): Promise<AccessGrant<A> | null> {
    try {
      return await authorisePatientAccess(request.server.db, { actor: actorOf(request), patientId, action, recordKind });
    } catch (error) {
      if (error instanceof HomewardError && error.code === 'no_legitimate_relationship') {
        reply.code(403).page('views/error.njk', {
          title: 'You do not have access to this record',
          message: error.message,
          breakGlassHref: `/patients/${patientId}/break-glass`,
          requestId: request.id,
        });
        return null;
      }
      throw error;
    }
  }

  typed.get('/patients/search', { schema: { ...hidden, querystring: z.record(z.string(), z.string()) } }, async (request, reply) => {
    await requireClinician(request);
    const q = request.query;
    const by = q.by === 'name' ? 'name' : 'nhs';
    const values = { ...q };
    const errors: Array<{ path: string; message: string }> = [];
    let search: PatientSearch | null = null;
    if (q.by === 'nhs' || q.nhsNumber !== undefined) {
      const problem = nhsNumberError(q.nhsNumber ?? '');
      if (problem) errors.push({ path: 'nhsNumber', message: problem });
      else search = { kind: 'nhs-number', nhsNumber: normaliseNhsNumber(q.nhsNumber ?? '') };
    } else if (q.by === 'name') {
      // Part of a name, in one box; links from before it (familyName and givenName) still work.
      const name = (q.name ?? [q.givenName, q.familyName].filter(Boolean).join(' ')).trim().slice(0, 200);
      values.name = name;
      const postcode = (q.postcode ?? '').trim().slice(0, 10);
      errors.push(...nameSearchProblems({ name, postcode: postcode || null }));
      const day = (q['dateOfBirth-day'] ?? '').trim();
      const month = (q['dateOfBirth-month'] ?? '').trim();
      const year = (q['dateOfBirth-year'] ?? '').trim();
      let dateOfBirth: string | null = null;
      let yearOfBirth: number | null = null;
      if (!day && !month && /^\d{4}$/.test(year) && Number(year) <= Number(today().slice(0, 4)) && Number(year) >= Number(today().slice(0, 4)) - 130) {
        yearOfBirth = Number(year); // the year alone narrows to everyone born that year
      } else if (day || month || year) {
        const dob = parseDateParts({ day, month, year }, { label: 'Date of birth', today: today(), mustBePast: true });
        if (dob.ok) dateOfBirth = dob.value;
        else errors.push({ path: 'dateOfBirth', message: !day && !month ? 'Year of birth must be a real year, like 1941' : dob.message });
      }
      if (!errors.length) search = { kind: 'name', name, dateOfBirth, yearOfBirth, postcode: postcode || null };
    }
    const results = search ? await findPatients(app.db, { actor: actorOf(request), search }) : null;
    return reply.code(errors.length ? 400 : 200).page('patients/pages/search.njk', {
      title: results ? `Search results` : 'Find a patient',
      section: 'patients',
      by,
      values,
      results,
      more: results !== null && results.length >= 25,
      errors: errorList(errors, { dateOfBirth: 'dateOfBirth-day' }),
      fieldErrors: errorsByField(errors),
    });
  });

  typed.get('/patients/new', { schema: hidden }, async (request, reply) => {
    await requireClinician(request);
    return reply.page('patients/pages/form.njk', {
      title: 'Register a patient',
      section: 'register',
      mode: 'new',
      action: '/patients/new',
      formId: uuidv7(),
      values: { livesAlone: '', keySafe: '' },
      options: formOptions,
      backHref: '/',
    });
  });

  typed.post('/patients/new', { schema: { ...hidden, body: formBody } }, async (request, reply) => {
    await requireClinician(request);
    const body = request.body as PatientFormValues;
    const formId = typeof body.formId === 'string' && z.uuid({ version: 'v7' }).safeParse(body.formId).success ? body.formId : uuidv7();
    const rerender = (fields: Array<{ path: string; message: string }>, status = 400) =>
      reply.code(status).page('patients/pages/form.njk', {
        title: 'Register a patient',
        section: 'register',
        mode: 'new',
        action: '/patients/new',
        formId,
        values: asFormValues(body),
        options: formOptions,
        errors: errorList(fields, Object.fromEntries(fields.map((f) => [f.path, fieldAnchor(f.path)]))),
        fieldErrors: errorsByField(fields),
        backHref: '/',
      });
    const actor = actorOf(request);
    await authorisePatientRegistration(app.db, { actor });
    const parsed = parsePatientForm(body, app.config.now());
    if (!parsed.ok) return rerender(parsed.fields);
    // The form's id becomes the patient's id, so pressing the button twice registers one patient.
    const already = await findPatient(app.db, formId);
    if (already && already.createdBy === request.principal?.staffId) return redirectSeeOther(reply, `/patients/${formId}?registered=1`);
    try {
      const patient = await app.db.transaction().execute((trx) => registerPatient(trx, { actor, id: formId, details: parsed.details }));
      return redirectSeeOther(reply, `/patients/${patient.id}?registered=1`);
    } catch (error) {
      if (error instanceof HomewardError && error.code === 'duplicate' && error.fields.length) return rerender(error.fields, 409);
      throw error;
    }
  });

  // The patient is read once, through the grant (readPatient): the access decision says 404 when there is no such patient.
  typed.get('/patients/:id', { schema: { ...hidden, params: idParams, querystring: z.object({ registered: z.string().optional(), saved: z.string().optional(), placed: z.string().optional() }) } }, async (request, reply) => {
    await requireClinician(request);
    const grant = await authoriseOrOfferBreakGlass(request, reply, request.params.id, 'read');
    if (!grant) return reply;
    const hub = await loadPatientHub(app.db, { grant });
    // The page shows each episode's header and the latest letters too: the audit says which.
    const patient = await readPatient(app.db, { grant, detail: hub.shown });
    return reply.page('patients/pages/patient.njk', {
      title: `${patient.givenName} ${patient.familyName}`,
      section: 'patients',
      patient: withAge(patient),
      hub,
      breakGlass: grant.breakGlass,
      flash: request.query.registered ? 'Patient registered' : request.query.saved ? 'Changes saved' : request.query.placed ? 'Patient placed on the map' : null,
    });
  });

  typed.get('/patients/:id/edit', { schema: { ...hidden, params: idParams, querystring: z.object({ next: z.string().optional() }) } }, async (request, reply) => {
    await requireClinician(request);
    const grant = await authoriseOrOfferBreakGlass(request, reply, request.params.id, 'write');
    if (!grant) return reply;
    const patient = await readPatient(app.db, { grant, detail: { purpose: 'edit' } });
    return reply.page('patients/pages/form.njk', {
      title: 'Change patient details',
      section: 'patients',
      mode: 'edit',
      action: `/patients/${patient.id}/edit`,
      version: patient.version,
      patient: withAge(patient),
      breakGlass: grant.breakGlass,
      values: formValuesFromPatient(patient),
      options: formOptions,
      next: returnPath(request.query.next),
      backHref: returnPath(request.query.next) ?? `/patients/${patient.id}`,
    });
  });

  typed.post('/patients/:id/edit', { schema: { ...hidden, params: idParams, body: formBody } }, async (request, reply) => {
    await requireClinician(request);
    const patient = await loadPatient(request.params.id);
    const grant = await authoriseOrOfferBreakGlass(request, reply, patient.id, 'write');
    if (!grant) return reply;
    const body = request.body as PatientFormValues;
    const version = Number(body.version);
    const next = returnPath(body.next);
    const saved = next ? `${next}?details=saved` : `/patients/${patient.id}?saved=1`;
    const rerender = (fields: Array<{ path: string; message: string }>, status: number, values: PatientFormValues, shownVersion: number, current: PatientResponse) =>
      reply.code(status).page('patients/pages/form.njk', {
        title: 'Change patient details',
        section: 'patients',
        mode: 'edit',
        action: `/patients/${patient.id}/edit`,
        version: shownVersion,
        patient: withAge(current),
        breakGlass: grant.breakGlass,
        values,
        options: formOptions,
        next,
        errors: errorList(fields, Object.fromEntries(fields.map((f) => [f.path, fieldAnchor(f.path)]))),
        fieldErrors: errorsByField(fields),
        backHref: next ?? `/patients/${patient.id}`,
      });
    const parsed = parsePatientForm(body, app.config.now());
    if (!parsed.ok) return rerender(parsed.fields, 400, asFormValues(body), version, patient);
    // Contacts beyond the two the form shows (added through the API) are kept, not dropped.
    const shown = new Set([patient.contacts.find((c) => c.isNextOfKin), patient.contacts.find((c) => c.isCarer && !c.isNextOfKin)]);
    const details = { ...parsed.details, contacts: [...parsed.details.contacts, ...patient.contacts.filter((c) => !shown.has(c))] };
    if (!isStoredVersion(version)) throw new HomewardError('validation_failed', 'The form is missing the record version; reload the page');
    try {
      await app.db.transaction().execute((trx) => changePatientDetails(trx, { grant, version, details }));
    } catch (error) {
      if (error instanceof HomewardError && error.code === 'version_conflict') {
        const current = error.current as PatientResponse;
        const { id: _i, version: _v, registeredTeamId: _t, createdAt: _ca, createdBy: _cb, updatedAt: _ua, updatedBy: _ub, ...currentDetails } = current;
        // A double press of Save: the record already says exactly this, so nothing is lost.
        if (stableStringify(currentDetails) === stableStringify(details)) return redirectSeeOther(reply, saved);
        return rerender(
          [{ path: 'version', message: 'Someone else changed these details while you were editing. Their changes are shown below: check them and make your changes again.' }],
          409,
          formValuesFromPatient(current),
          current.version,
          current,
        );
      }
      if (error instanceof HomewardError && error.code === 'duplicate' && error.fields.length) return rerender(error.fields, 409, asFormValues(body), version, patient);
      throw error;
    }
    return redirectSeeOther(reply, saved);
  });

  typed.get('/patients/:id/history', { schema: { ...hidden, params: idParams } }, async (request, reply) => {
    await requireClinician(request);
    const patient = await loadPatient(request.params.id);
    const grant = await authoriseOrOfferBreakGlass(request, reply, patient.id, 'read', 'patient-history');
    if (!grant) return reply;
    const versions = await readPatientHistory(app.db, { grant });
    const withChanges = versions.map((v, i) => ({ ...v, changes: describeChanges(versions[i + 1]?.patient ?? null, v.patient) }));
    return reply.page('patients/pages/history.njk', {
      title: 'Changes to patient details',
      section: 'patients',
      patient: withAge(patient),
      breakGlass: grant.breakGlass,
      versions: withChanges,
      backHref: `/patients/${patient.id}`,
    });
  });
}

/**
 * Where to go back to after changing details, when the change was asked for elsewhere: the discharge
 * pages send someone to add a missing GP practice and take them back. Only those pages of an episode
 * (by id), so the field cannot send anyone off the site or anywhere unexpected.
 */
function returnPath(candidate: unknown): string | null {
  return typeof candidate === 'string' && /^\/episodes\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\/(discharge|discharge-summary)$/.test(candidate) ? candidate : null;
}

/** Checkbox groups arrive as a string when one box is ticked; the template wants lists. */
function asFormValues(body: PatientFormValues): PatientFormValues {
  const asList = (v: string | string[] | undefined) => (Array.isArray(v) ? v : v ? [v] : []);
  return { ...body, communicationNeeds: asList(body.communicationNeeds), riskFlags: asList(body.riskFlags) };
}

import { describePatientChanges as describeChanges } from './describe-patient-changes.ts';
import { isStoredVersion } from '../platform/number-schemas.ts';
