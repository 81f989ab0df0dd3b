// Staff competences as pages: the team's clinical staff with what each is signed off as competent in (a
// support worker's delegated activities, and every role's hoisting), its evidence and expiry, a form to
// record one (registered therapists and clinical leads) and a page to withdraw one. Same rules as the JSON API.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actorOf } from '../platform/actor.ts';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { z } from 'zod';
import { competenceCounts, dueStatusOf, dueStatusTags, mayRecordCompetences, parseDateParts, recordableCompetenceLabels, ukDateOf } from '@homeward/clinical';
import { formBody, formField, formProblem } from '../platform/form-body.ts';
import { HomewardError, notFound, type FieldError } from '../platform/homeward-error.ts';
import { errorList, errorsByField } from '../platform/pages.ts';
import { redirectSeeOther } from '../platform/request-context.ts';
import { authoriseCompetenceRead, authoriseCompetenceWrite, checkCompetence, loadHolder, recordCompetence, withdrawCompetence } from './competence-recording.ts';
import { findCompetence, listTeamCompetences } from './competence-queries.ts';
import type { CompetenceResponse } from './competence-schema.ts';
import { isStoredVersion } from '../platform/number-schemas.ts';

const hidden = { hide: true };
const roleWords = (role: string) => role.replaceAll('-', ' ');
const competenceParams = z.object({ id: z.uuid() });
type Form = Record<string, string | string[]>;
const flashes: Record<string, string> = { recorded: 'Competence recorded', withdrawn: 'Competence withdrawn. It stays on record, and no longer allows delegation' };

export async function competencePages(app: FastifyInstance): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const today = () => ukDateOf(app.config.now());

  async function renderList(request: FastifyRequest, reply: FastifyReply, o: { values?: Form; fields?: FieldError[]; status?: number; done?: string } = {}) {
    const principal = await authoriseCompetenceRead(app.db, { actor: actorOf(request), holder: null });
    const team = await app.db.selectFrom('teams').select('name').where('id', '=', principal.teamId!).executeTakeFirst();
    const day = today();
    // Each competence with whether it counts today, and, for one that expires, red/amber/green for its renewal.
    const people = (await listTeamCompetences(app.db, principal.teamId!)).map((p) => ({
      ...p,
      competences: p.competences.map((c) => {
        const counts = competenceCounts({ withdrawn: !c.current, expiresOn: c.expiresOn }, day);
        return { ...c, counts, expiryTag: c.current && c.expiresOn ? dueStatusTags[dueStatusOf({ dueOn: c.expiresOn, today: day })] : null };
      }),
    }));
    const values = o.values ?? {};
    const fields = o.fields ?? [];
    return reply.code(o.status ?? 200).page('staff/pages/competences.njk', {
      title: 'Staff competences',
      section: 'competences',
      teamName: team?.name ?? 'your team',
      people,
      mayRecord: mayRecordCompetences(principal.role),
      values,
      staffItems: [{ value: '', text: 'Choose a person' }, ...people.map((p) => ({ value: p.staff.id, text: `${p.staff.name} (${roleWords(p.staff.role)})`, selected: p.staff.id === values.staffId }))],
      competenceItems: [{ value: '', text: 'Choose a competence' }, ...Object.entries(recordableCompetenceLabels).map(([c, text]) => ({ value: c, text, selected: c === values.competence }))],
      errors: errorList(fields, { staffId: 'staffId', competence: 'competence', assessedOn: 'assessedOn-day', expiresOn: 'expiresOn-day', evidence: 'evidence', form: 'record-form' }),
      fieldErrors: errorsByField(fields),
      flash: o.done ? (flashes[o.done] ?? null) : null,
      backHref: '/caseload',
      backText: 'Back to the caseload',
    });
  }

  typed.get('/staff/competences', { schema: { ...hidden, querystring: z.object({ done: z.string().optional() }) } }, async (request, reply) => renderList(request, reply, { done: request.query.done }));

  typed.post('/staff/competences', { schema: { ...hidden, body: formBody } }, async (request, reply) => {
    await authoriseCompetenceWrite(app.db, { actor: actorOf(request), holder: null });
    const body = request.body as Form;
    const values: Form = Object.fromEntries(Object.entries(body).map(([k, v]) => [k, formField(v)]));
    try {
      const fields: FieldError[] = [];
      const staffId = formField(body.staffId);
      if (!staffId) fields.push({ path: 'staffId', message: 'Choose the person whose competence you are recording' });
      if (!formField(body.competence)) fields.push({ path: 'competence', message: 'Choose the competence' });
      const date = parseDateParts({ day: formField(body['assessedOn-day']), month: formField(body['assessedOn-month']), year: formField(body['assessedOn-year']) }, { label: 'Date they were assessed', today: today() });
      if (!date.ok) fields.push({ path: 'assessedOn', message: date.message });
      // No expiry is a choice (left blank); a part-filled date is a mistake.
      const expiryParts = { day: formField(body['expiresOn-day']), month: formField(body['expiresOn-month']), year: formField(body['expiresOn-year']) };
      let expiresOn: string | null = null;
      if (expiryParts.day || expiryParts.month || expiryParts.year) {
        const expiry = parseDateParts(expiryParts, { label: 'Date it expires', today: today() });
        if (!expiry.ok) fields.push({ path: 'expiresOn', message: expiry.message });
        else expiresOn = expiry.value;
      }
      const evidence = formField(body.evidence).trim();
      if (evidence.length > 4000) fields.push({ path: 'evidence', message: 'The evidence must be 4000 characters or fewer' });
      if (fields.length || !date.ok) throw new HomewardError('validation_failed', fields[0]!.message, { fields });
      if (!z.uuid().safeParse(staffId).success) throw notFound('Staff member');
      const holder = await loadHolder(app.db, staffId);
      await authoriseCompetenceWrite(app.db, { actor: actorOf(request), holder: holder });
      const input = { competence: formField(body.competence), assessedOn: date.value, note: formField(body.note) || null, evidence: evidence || null, expiresOn };
      checkCompetence(holder, input, today());
      await app.db.transaction().execute((trx) => recordCompetence(trx, { actor: actorOf(request), holder, input }));
      return redirectSeeOther(reply, `/staff/competences?done=recorded#staff-${holder.id}`);
    } catch (error) {
      const problem = formProblem(error);
      if (problem) return renderList(request, reply, { values, fields: problem.fields, status: problem.status });
      throw error;
    }
  });

  async function renderWithdraw(reply: FastifyReply, competence: CompetenceResponse, values: Form, fields: FieldError[] = [], status = 200) {
    return reply.code(status).page('staff/pages/competence-withdraw.njk', {
      title: 'Withdraw a competence',
      competence,
      values,
      errors: errorList(fields, { reason: 'reason', form: 'reason' }),
      fieldErrors: errorsByField(fields),
      backHref: '/staff/competences',
    });
  }

  async function loadForWithdrawal(request: FastifyRequest, id: string): Promise<CompetenceResponse> {
    const competence = await findCompetence(app.db, id);
    if (!competence) throw notFound('Competence');
    await authoriseCompetenceWrite(app.db, { actor: actorOf(request), holder: await loadHolder(app.db, competence.staff.id) });
    return competence;
  }

  typed.get('/competences/:id/withdraw', { schema: { ...hidden, params: competenceParams } }, async (request, reply) => {
    const competence = await loadForWithdrawal(request, request.params.id);
    if (!competence.current) throw new HomewardError('version_conflict', 'This competence has already been withdrawn');
    return renderWithdraw(reply, competence, { version: String(competence.version) });
  });

  typed.post('/competences/:id/withdraw', { schema: { ...hidden, params: competenceParams, body: formBody } }, async (request, reply) => {
    const competence = await loadForWithdrawal(request, request.params.id);
    const body = request.body as Form;
    const values: Form = { reason: formField(body.reason), version: formField(body.version) };
    try {
      const version = Number(values.version);
      if (!isStoredVersion(version)) throw new HomewardError('validation_failed', 'The form is missing the competence version; reload the page');
      await app.db.transaction().execute((trx) => withdrawCompetence(trx, { actor: actorOf(request), competence, reason: values.reason as string, version: version }));
      return redirectSeeOther(reply, `/staff/competences?done=withdrawn#staff-${competence.staff.id}`);
    } catch (error) {
      const problem = formProblem(error);
      if (problem) return renderWithdraw(reply, competence, values, problem.fields, problem.status);
      throw error;
    }
  });
}
