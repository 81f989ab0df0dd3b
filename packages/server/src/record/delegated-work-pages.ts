// "My delegated work" (issue 11 #2): a support worker's working list, and anyone else's who holds
// delegated programme activities. Overdue and today's activities first, each with the patient (NHS
// number 3 3 4), what to do, how often, who delegated it, and one button that logs it done today. The
// button posts to the programme's own log route (programme-pages.ts) with a form id, so a double press
// logs once, and the same rules apply: the record's write access, delegation to this person, and a
// current competence. Showing the list is audited once per patient on it, so each patient's access
// trail shows who saw them listed.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from '@fastify/type-provider-zod';
import { uuidv7 } from 'uuidv7';
import { z } from 'zod';
import { describeOverdue, formatDisplayDate, isoDateToParts, mayDeliverActivities, ukDateOf } from '@homeward/clinical';
import { HomewardError } from '../platform/homeward-error.ts';
import { audit, requireClinician } from '../platform/request-context.ts';
import { listDelegatedWork } from './delegated-work-queries.ts';
import { programmeKind } from './programme-activities.ts';

export const delegatedWorkPath = '/delegated-work';

export async function delegatedWorkPages(app: FastifyInstance): Promise<void> {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  typed.get(delegatedWorkPath, { schema: { hide: true, querystring: z.object({ done: z.string().optional(), activity: z.string().optional() }) } }, async (request, reply) => {
    const principal = await requireClinician(request);
    if (!mayDeliverActivities(principal.role) || principal.teamId === null) {
      await audit(request, { action: 'read', outcome: 'refused', recordKind: programmeKind, detail: { list: 'delegated-work', rule: principal.teamId === null ? 'no-team' : 'role-does-not-deliver' } });
      throw new HomewardError('forbidden', principal.teamId === null ? 'You are not in a team, so no work is delegated to you' : 'Programme activities are delegated to support workers, assistant practitioners and therapists. Your role does not deliver them.');
    }
    const today = ukDateOf(app.config.now());
    const items = await listDelegatedWork(app.db, { staffId: principal.staffId, role: principal.role, teamId: principal.teamId, today });
    // One read per patient listed, before anything is shown.
    const byPatient = new Map<string, string[]>();
    for (const i of items) byPatient.set(i.patient.id, [...(byPatient.get(i.patient.id) ?? []), i.activityId]);
    for (const [patientId, activityIds] of byPatient) {
      await audit(request, { action: 'read', outcome: 'allowed', patientId, recordKind: programmeKind, detail: { list: 'delegated-work', activityIds } });
    }
    if (items.length === 0) await audit(request, { action: 'read', outcome: 'allowed', recordKind: programmeKind, detail: { list: 'delegated-work', count: 0 } });

    const parts = isoDateToParts(today);
    const rows = items.map((i) => ({ ...i, formId: uuidv7(), overdueText: describeOverdue(i.due, today) }));
    const logged = request.query.done === 'logged' ? items.find((i) => i.activityId === request.query.activity) : undefined;
    return reply.page('record/pages/delegated-work.njk', {
      title: 'My delegated work',
      section: 'delegated-work',
      todayText: formatDisplayDate(today),
      today: parts,
      overdue: rows.filter((r) => r.due.state === 'overdue'),
      dueToday: rows.filter((r) => r.due.state === 'due-today'),
      doneToday: rows.filter((r) => r.due.state === 'done-today'),
      notDue: rows.filter((r) => r.due.state === 'not-due'),
      flash: logged ? `Logged as done today: ${logged.title} for ${logged.patient.givenName} ${logged.patient.familyName}` : request.query.done === 'logged' ? 'Logged as done today' : null,
      backHref: '/',
      backText: 'Back to home',
    });
  });
}
