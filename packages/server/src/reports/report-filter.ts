// The filters every report takes, as GET parameters: team (the service manager may choose any team or
// all; everyone else has their own), service, and the dates from and to as day, month and year fields
// (NHS.UK date input). Bad dates are field errors shown in the error summary, never a 500; the report
// is then not run.
import { z } from 'zod';
import { addCalendarDays, isoDateToParts, parseDateParts, serviceLabels, services, ukDateOf, ukDayStart, type Service } from '@homeward/clinical';
import type { FieldError } from '../platform/homeward-error.ts';

/** Every filter is optional text; what it means is decided here, so the page and the JSON agree. */
export const reportQuery = z.object({
  team: z.string().max(40).optional(),
  service: z.string().max(60).optional(),
  'from-day': z.string().max(10).optional(),
  'from-month': z.string().max(10).optional(),
  'from-year': z.string().max(10).optional(),
  'to-day': z.string().max(10).optional(),
  'to-month': z.string().max(10).optional(),
  'to-year': z.string().max(10).optional(),
});
export type ReportQuery = z.infer<typeof reportQuery>;

export type ReportFilter = {
  /** 'all' (service manager only), or one team's id; the access check turns it into team ids. */
  team: string | null;
  service: Service | null;
  from: string;
  to: string;
  /** Midnight starting `from`, and midnight after `to`: [fromInstant, toInstant). */
  fromInstant: Date;
  toInstant: Date;
};

/** The default window: the three months to today. */
export const defaultWindowDays = 91;


export function parseReportFilter(q: ReportQuery, now: Date): { filter: ReportFilter; fields: FieldError[]; values: Record<string, string> } {
  const today = ukDateOf(now);
  const fields: FieldError[] = [];
  const date = (name: 'from' | 'to', label: string, fallback: string): string => {
    const parts = { day: q[`${name}-day`] ?? '', month: q[`${name}-month`] ?? '', year: q[`${name}-year`] ?? '' };
    if (!parts.day && !parts.month && !parts.year) return fallback;
    const r = parseDateParts(parts, { label, today, earliestYear: 2000 });
    if (r.ok) return r.value;
    fields.push({ path: name, message: r.message });
    return fallback;
  };
  const to = date('to', 'The date to', today);
  const from = date('from', 'The date from', addCalendarDays(to, -(defaultWindowDays - 1)));
  if (!fields.length && from > to) fields.push({ path: 'from', message: 'The date from must be the same as or before the date to' });
  if (!fields.length && to > today) fields.push({ path: 'to', message: 'The date to must be today or in the past' });
  let service: Service | null = null;
  if (q.service) {
    if ((services as readonly string[]).includes(q.service)) service = q.service as Service;
    else fields.push({ path: 'service', message: 'Choose a service from the list' });
  }
  const team = q.team && q.team.trim() ? q.team.trim() : null;
  const values: Record<string, string> = {};
  const fromParts = isoDateToParts(from);
  const toParts = isoDateToParts(to);
  values['from-day'] = q['from-day'] ?? fromParts.day;
  values['from-month'] = q['from-month'] ?? fromParts.month;
  values['from-year'] = q['from-year'] ?? fromParts.year;
  values['to-day'] = q['to-day'] ?? toParts.day;
  values['to-month'] = q['to-month'] ?? toParts.month;
  values['to-year'] = q['to-year'] ?? toParts.year;
  values.service = q.service ?? '';
  values.team = team ?? '';
  return { filter: { team, service, from, to, fromInstant: ukDayStart(from), toInstant: ukDayStart(addCalendarDays(to, 1)) }, fields, values };
}

/** The filters as a query string, for the CSV link and the JSON (the same report). */
export function filterQueryString(f: ReportFilter): string {
  const params = new URLSearchParams();
  if (f.team) params.set('team', f.team);
  if (f.service) params.set('service', f.service);
  const a = isoDateToParts(f.from);
  const b = isoDateToParts(f.to);
  params.set('from-day', a.day); params.set('from-month', a.month); params.set('from-year', a.year);
  params.set('to-day', b.day); params.set('to-month', b.month); params.set('to-year', b.year);
  return params.toString();
}

export function describeFilter(f: ReportFilter, teamNames: string): string {
  return `${teamNames}; ${f.service ? serviceLabels[f.service] : 'all services'}; ${f.from} to ${f.to}`;
}
