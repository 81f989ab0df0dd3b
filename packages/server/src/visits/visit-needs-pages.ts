// An episode's visit needs as a page: /episodes/:id/visit-needs, with the patient banner, triage's
// defaults until someone records them, then version-checked changes and a confirmation.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { ageOn, serviceLabels, skillLabels, skills, ukDateOf, visitPlaceLabels, visitPlaces, weekdayLabels, weekdays, type VisitNeeds, type VisitPlace, type VisitWindow } from '@homeward/clinical';
import { auditRead } from '../access/public.ts';
import { authoriseEpisodeRead, authoriseEpisodeWrite, loadEpisode, type EpisodeAccess } from '../caseload/public.ts';
import { findPatient } from '../patients/public.ts';
import { actorOf } from '../platform/actor.ts';
import { formBody, formField, formVersion, pageWrite } from '../platform/form-body.ts';
import { notFound, validationFailed, type FieldError } from '../platform/homeward-error.ts';
import { errorList, errorsByField } from '../platform/pages.ts';
import { recordVisitNeeds, visitNeedsFieldErrors } from './record-visit-needs.ts';
import { listTeamVisitors } from './team-visitors.ts';
import { visitNeedsRecordKind } from './visit-access.ts';
import { findVisitNeeds, type RecordedVisitNeeds } from './visit-needs-queries.ts';
import { formList, formMinutes, formTime, formValues, formWeekdays, type Form } from './visit-form-fields.ts';

const hidden = { hide: true };
const episodeParams = z.object({ id: z.uuid() });
/** Rows for windows on the form: a carer's morning call and an afternoon one are the most seen. */
const windowRows = 3;
const skillChoices = skills.filter((s) => s !== 'two-person');

function valuesOf(n: RecordedVisitNeeds): Form {
  const values: Form = {
    version: n.version === null ? '' : String(n.version),
    durationMinutes: String(n.durationMinutes),
    place: n.place,
    unavailableDays: n.unavailableDays.map(String),
    staffNeeded: String(n.staffNeeded),
    staffNeededReason: n.staffNeededReason ?? '',
    registeredRequired: n.registeredRequired ? 'yes' : '',
    skills: n.skills,
    preferredStaffId: n.preferredStaffId ?? '',
    notes: n.notes ?? '',
  };
  n.windows.forEach((w, i) => Object.assign(values, { [`window-${i}-start`]: w.start, [`window-${i}-end`]: w.end, [`window-${i}-days`]: (w.days ?? []).map(String), [`window-${i}-note`]: w.note ?? '' }));
  return values;
}

function parseNeeds(body: Form, fields: FieldError[]): VisitNeeds & { notes: string | null } {
  const windows: VisitWindow[] = [];
  for (let i = 0; i < windowRows; i++) {
    const startText = formField(body[`window-${i}-start`]);
    const endText = formField(body[`window-${i}-end`]);
    if (startText === '' && endText === '') continue;
    const start = formTime(body, `window-${i}-start`, `windows.${windows.length}.start`, 'the start of the window', fields);
    const end = formTime(body, `window-${i}-end`, `windows.${windows.length}.end`, 'the end of the window', fields);
    if (start === null && startText === '') fields.push({ path: `windows.${windows.length}.start`, message: 'Enter the start of the window, like 09:00' });
    if (end === null && endText === '') fields.push({ path: `windows.${windows.length}.end`, message: 'Enter the end of the window, like 10:00' });
    const days = formWeekdays(body[`window-${i}-days`]);
    windows.push({ start: start ?? '', end: end ?? '', days: days.length === 0 ? null : days, note: formField(body[`window-${i}-note`]) || null });
  }
  const staffNeeded = formField(body.staffNeeded) === '2' ? 2 : 1;
  const place = formField(body.place);
  if (!(visitPlaces as readonly string[]).includes(place)) fields.push({ path: 'place', message: 'Choose where the patient is seen' });
  return {
    durationMinutes: formMinutes(body, 'durationMinutes', fields) ?? 0,
    place: place as VisitPlace,
    windows,
    unavailableDays: formWeekdays(body.unavailableDays),
    staffNeeded,
    staffNeededReason: formField(body.staffNeededReason) || null,
    registeredRequired: formField(body.registeredRequired) === 'yes',
    skills: formList(body.skills).filter((s) => (skillChoices as readonly string[]).includes(s)),
    preferredStaffId: formField(body.preferredStaffId) || null,
    notes: formField(body.notes) || null,
  };
}

/** Error paths from the checks (windows.0.end) to the form's fields (window-0-end). */
const anchorOf = (path: string) => path.replace(/^windows\.(\d+)\.(start|end)$/, 'window-$1-$2').replace(/^windows\.(\d+)$/, 'window-$1-start');

export async function visitNeedsPages(app: FastifyInstance): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const today = () => ukDateOf(app.config.now());

  async function render(reply: FastifyReply, access: EpisodeAccess, values: Form, o: { fields?: FieldError[]; status?: number; saved?: boolean; mayChange: boolean }) {
    const patient = await findPatient(app.db, access.episode.patientId);
    if (!patient) throw notFound('Patient');
    const fields = o.fields ?? [];
    const errors = errorList(fields.map((f) => ({ ...f, path: anchorOf(f.path) })), { form: 'main-form', version: 'main-form', episodeId: 'main-form', unavailableDays: 'unavailableDays', registeredRequired: 'registeredRequired' });
    const byField = errorsByField(fields.map((f) => ({ ...f, path: anchorOf(f.path) })));
    const checked = (name: string, value: string) => formList(values[name]).includes(value);
    const visitors = await listTeamVisitors(app.db, access.episode.teamId);
    return reply.code(o.status ?? 200).page('visits/pages/visit-needs.njk', {
      title: 'Visit needs',
      section: 'caseload',
      patient: { ...patient, age: ageOn(patient.dateOfBirth, today()) },
      breakGlass: access.grant.breakGlass,
      episode: access.episode,
      serviceLabels,
      values,
      flash: o.saved ? 'Visit needs saved. Visits proposed from now on use them; visits already booked keep what they were booked with.' : null,
      recorded: formField(values.version) !== '',
      mayChange: o.mayChange,
      complex: access.episode.complexity === 'complex',
      errors,
      fieldErrors: byField,
      placeItems: visitPlaces.map((p) => ({ value: p, text: visitPlaceLabels[p], checked: values.place === p })),
      unavailableItems: weekdays.map((d) => ({ value: String(d), text: weekdayLabels[d], checked: checked('unavailableDays', String(d)) })),
      windowRows: Array.from({ length: windowRows }, (_, i) => ({
        i,
        start: values[`window-${i}-start`] ?? '',
        end: values[`window-${i}-end`] ?? '',
        note: values[`window-${i}-note`] ?? '',
        dayItems: weekdays.map((d) => ({ value: String(d), text: weekdayLabels[d], checked: checked(`window-${i}-days`, String(d)) })),
      })),
      skillItems: skillChoices.map((s) => ({ value: s, text: skillLabels[s], checked: checked('skills', s) })),
      staffItems: [{ value: '', text: 'No preference' }, ...visitors.map((s) => ({ value: s.id, text: s.name, selected: values.preferredStaffId === s.id }))],
      backHref: `/episodes/${access.episode.id}`,
    });
  }

  typed.get('/episodes/:id/visit-needs', { schema: { ...hidden, params: episodeParams, querystring: z.object({ saved: z.string().optional() }) } }, async (request, reply) => {
    const actor = actorOf(request);
    const access = await authoriseEpisodeRead(app.db, { actor, episode: await loadEpisode(request, request.params.id) });
    const needs = (await findVisitNeeds(app.db, access.episode.id))!;
    await auditRead(access.grant, app.db, { recordKind: visitNeedsRecordKind, recordId: needs.id, detail: { episodeId: access.episode.id } });
    const mayChange = access.grant.scope !== 'summary' && access.episode.status !== 'discharged' && ['assistant-practitioner', 'registered-therapist', 'clinical-lead'].includes(actor.staff.role);
    return render(reply, access, valuesOf(needs), { saved: request.query.saved === '1', mayChange });
  });

  typed.post('/episodes/:id/visit-needs', { schema: { ...hidden, params: episodeParams, body: formBody } }, async (request, reply) => {
    const access = await authoriseEpisodeWrite(app.db, { actor: actorOf(request), episode: await loadEpisode(request, request.params.id), change: 'visit-needs' });
    const body = request.body as Form;
    const values = formValues(body);
    return pageWrite(request, reply, {
      check: async () => {
        const version = formField(body.version) === '' ? null : formVersion(body.version);
        const fields: FieldError[] = [];
        const needs = parseNeeds(body, fields);
        const all = [...fields, ...(await visitNeedsFieldErrors(app.db, { access, needs })).filter((d) => !fields.some((f) => f.path === d.path))];
        if (all.length) throw validationFailed(all);
        return { needs, version };
      },
      write: async (trx, { needs, version }) => {
        await recordVisitNeeds(trx, { access, needs, version });
        return `/episodes/${access.episode.id}/visit-needs?saved=1`;
      },
      render: async (fields, status, error) => {
        if (status === 409) {
          const current = error.current as RecordedVisitNeeds | undefined;
          return render(reply, access, current ? valuesOf(current) : values, { fields: [{ path: 'form', message: 'Someone else recorded this patient’s visit needs while you had the form open. These are their answers: check them, change what you need, and save again.' }], status, mayChange: true });
        }
        return render(reply, access, values, { fields, status, mayChange: true });
      },
    });
  });
}
