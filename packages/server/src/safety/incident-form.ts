// Reading the report form and its prefill (issue 17 #1): when as day/month/year and a time, the rest as
// given. Problems become field errors with the paths the rules use, so the error summary lists them all.
import { fromUkWallClock, parseDateParts, parseTimeOfDay, toUkWallClock, ukDateOf, type IncidentReportInput } from '@homeward/clinical';
import { z } from 'zod';
import { formField, type FormBody } from '../platform/form-body.ts';
import type { FieldError } from '../platform/homeward-error.ts';

/** The query a "Report an incident" link may carry, from an episode, a lone-working alert or an equipment item. */
export const incidentPrefillQuery = z.object({
  episodeId: z.uuid('episodeId must be a UUID').optional(),
  sourceKind: z.enum(['lone-working', 'equipment']).optional(),
  sourceId: z.uuid('sourceId must be a UUID').optional(),
  category: z.string().max(60).optional(),
  occurredAt: z.iso.datetime({ offset: true, error: 'occurredAt must be an ISO date and time' }).optional(),
  location: z.string().max(200).optional(),
  locationKind: z.string().max(40).optional(),
  whatHappened: z.string().max(2_000).optional(),
});
export type IncidentPrefill = z.infer<typeof incidentPrefillQuery>;

/** The form's first values: the prefill where there is one, else now; no harm until someone says otherwise is not assumed. */
export function prefilledValues(q: IncidentPrefill, formId: string, now: Date): Record<string, string> {
  const when = toUkWallClock(q.occurredAt ? new Date(q.occurredAt) : now);
  const [year, month, day] = when.date.split('-');
  return {
    formId,
    'occurredOn-day': String(Number(day)), 'occurredOn-month': String(Number(month)), 'occurredOn-year': year!, occurredTime: when.time,
    category: q.category ?? '', location: q.location ?? '', locationKind: q.locationKind ?? (q.sourceKind === 'lone-working' ? 'patient-home' : ''),
    whatHappened: q.whatHappened ?? '', immediateActions: '', psychologicalHarm: 'none', anonymous: 'no',
    episodeId: q.episodeId ?? '', sourceKind: q.sourceKind ?? '', sourceId: q.sourceId ?? '',
  };
}

/** The report as typed, with the date and time read into one instant (null, and a field error, when they cannot be). */
export function reportFromForm(body: FormBody, now: Date, fields: FieldError[]): IncidentReportInput {
  const parsed = parseDateParts({ day: formField(body['occurredOn-day']), month: formField(body['occurredOn-month']), year: formField(body['occurredOn-year']) }, { label: 'The date it happened', today: ukDateOf(now) });
  if (!parsed.ok) fields.push({ path: 'occurredOn', message: parsed.message });
  const time = parseTimeOfDay(formField(body.occurredTime));
  if (!time) fields.push({ path: 'occurredTime', message: 'Enter the time it happened, like 14:30' });
  const occurredAt = parsed.ok && time ? fromUkWallClock(parsed.value, time) : null;
  if (parsed.ok && time && !occurredAt) fields.push({ path: 'occurredTime', message: 'That time did not happen on that day (the clocks went forward)' });
  return {
    kind: formField(body.kind), occurredAt, locationKind: formField(body.locationKind), location: formField(body.location), category: formField(body.category),
    whatHappened: formField(body.whatHappened), affected: formField(body.affected), immediateActions: formField(body.immediateActions),
    physicalHarm: formField(body.physicalHarm), psychologicalHarm: formField(body.psychologicalHarm),
  };
}

export function sourceFromForm(body: FormBody): { kind: 'lone-working' | 'equipment'; id: string } | null {
  const kind = formField(body.sourceKind);
  const id = formField(body.sourceId);
  return (kind === 'lone-working' || kind === 'equipment') && z.uuid().safeParse(id).success ? { kind, id } : null;
}
