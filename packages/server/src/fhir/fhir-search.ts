// Reading FHIR search parameters (R4 "Search"): tokens (`system|code`), references (`Patient/id` or
// `id`), dates with a prefix (`ge2026-01-01`), strings. Shared by every resource module, so each says
// the same thing about a bad value: a 400 OperationOutcome naming the parameter.
import { fromUkWallClock, ukDayStart } from '@homeward/clinical';
import { HomewardError } from '../platform/homeward-error.ts';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Homeward's ids are UUIDs: anything else cannot name one of its resources (so: not found, without a query). */
export function isUuid(id: string): boolean {
  return uuidPattern.test(id);
}

export function badParameter(name: string, message: string): HomewardError {
  return new HomewardError('validation_failed', message, { fields: [{ path: name, message }] });
}

/** A token parameter: `code`, `system|code`, `|code` (no system) or `system|` (any code in the system). */
export type TokenParam = { system: string | null | undefined; code: string | null };

export function tokenParam(params: URLSearchParams, name: string): TokenParam | null {
  const raw = params.get(name);
  if (raw === null) return null;
  if (raw === '') throw badParameter(name, `The search parameter ${name} is empty`);
  const bar = raw.indexOf('|');
  if (bar < 0) return { system: undefined, code: raw };
  return { system: bar === 0 ? null : raw.slice(0, bar), code: raw.slice(bar + 1) || null };
}

/**
 * A reference parameter naming a resource of `type` by id: `Patient/<id>`, `<id>`, or a full URL ending
 * `/Patient/<id>`. Null when absent; an id that is no Homeward id is returned as null id (matches nothing).
 */
export function referenceParam(params: URLSearchParams, name: string, type: string): { id: string | null } | null {
  const raw = params.get(name);
  if (raw === null) return null;
  const m = new RegExp(`(?:^|/)${type}/([^/]+)$`).exec(raw);
  const id = m ? m[1]! : raw.includes('/') ? null : raw;
  if (id === null && raw.includes('/')) throw badParameter(name, `The search parameter ${name} must name a ${type} (${type}/id)`);
  return { id: id !== null && isUuid(id) ? id.toLowerCase() : null };
}

export type DatePrefix = 'eq' | 'ne' | 'gt' | 'lt' | 'ge' | 'le' | 'sa' | 'eb' | 'ap';
/** A date parameter's values (it may repeat: `date=ge2026-01-01&date=lt2026-02-01`), each a prefix and the day or instant. */
export type DateParam = { prefix: DatePrefix; value: string; start: Date; end: Date };

const datePattern = /^(eq|ne|gt|lt|ge|le|sa|eb|ap)?(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$/;

/** The instant a UK day begins; a day or month past the end rolls over (day 32 of December is 1 January). */
function ukDayStartOf(year: number, month: number, day: number): Date {
  return ukDayStart(new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10));
}

/**
 * Each value of a date parameter as the range of time it covers (a year, a month, a day, or an
 * instant). A day, a month or a year, and a time without a zone, are UK time (Europe/London), as FHIR
 * asks where the search gives no zone (the server's own): `date=2026-07-01` is the patient's 1 July,
 * from 23:00 UTC on 30 June in summer, not the UTC day.
 */
export function dateParams(params: URLSearchParams, name: string): DateParam[] {
  return params.getAll(name).map((raw) => {
    const m = datePattern.exec(raw);
    if (!m) throw badParameter(name, `The search parameter ${name} must be a date such as 2026-12-05, with a prefix if needed (ge2026-12-05)`);
    const [, prefix, y, mo, d, h, mi, s, zone] = m;
    const value = raw.replace(/^[a-z]{2}/, '');
    const year = Number(y);
    const month = Number(mo);
    const day = Number(d);
    // A day that does not exist (2026-02-30) would roll over into the next month: refuse it instead.
    const realDay = d === undefined || new Date(Date.UTC(year, month - 1, day)).getUTCDate() === day;
    const realTime = h === undefined || (Number(h) <= 23 && Number(mi) <= 59 && Number(s ?? 0) <= 59);
    if ((mo !== undefined && !(month >= 1 && month <= 12)) || !realDay || !realTime) throw badParameter(name, `The search parameter ${name} is not a real date`);
    let start: Date | null;
    let end: Date;
    if (h !== undefined) {
      const step = s === undefined ? 60_000 : 1000;
      if (zone !== undefined) start = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s ?? '00'}${zone}`);
      else {
        const minute = fromUkWallClock(`${y}-${mo}-${d}`, `${h}:${mi}`);
        start = minute && new Date(minute.getTime() + Number(s ?? 0) * 1000);
        if (!start) throw badParameter(name, `The search parameter ${name} names a time that did not happen in the UK (the clocks went forward): give it with its zone, such as ${y}-${mo}-${d}T${h}:${mi}:00Z`);
      }
      end = new Date(start.getTime() + step);
    } else if (d !== undefined) {
      start = ukDayStartOf(year, month, day);
      end = ukDayStartOf(year, month, day + 1);
    } else if (mo !== undefined) {
      start = ukDayStartOf(year, month, 1);
      end = ukDayStartOf(year, month + 1, 1);
    } else {
      start = ukDayStartOf(year, 1, 1);
      end = ukDayStartOf(year + 1, 1, 1);
    }
    // An offset past ±23:59 (T10:30+25:00) makes no instant.
    if (Number.isNaN(start.getTime())) throw badParameter(name, `The search parameter ${name} is not a real date`);
    return { prefix: (prefix ?? 'eq') as DatePrefix, value, start, end };
  });
}

/** Does a moment (or a UK day as yyyy-mm-dd) fall within what every value of a date parameter asks? */
export function matchesDates(when: Date | string | null, dates: DateParam[]): boolean {
  if (dates.length === 0) return true;
  if (when === null) return false;
  const at = typeof when === 'string' ? ukDayStart(when) : when;
  const t = at.getTime();
  return dates.every(({ prefix, start, end }) => {
    switch (prefix) {
      case 'eq':
      case 'ap':
        return t >= start.getTime() && t < end.getTime();
      case 'ne':
        return t < start.getTime() || t >= end.getTime();
      case 'gt':
      case 'sa':
        return t >= end.getTime();
      case 'lt':
      case 'eb':
        return t < start.getTime();
      case 'ge':
        return t >= start.getTime();
      case 'le':
        return t < end.getTime();
    }
  });
}

/** A string parameter (FHIR: starts with, case- and accent-insensitive; the module decides how). */
export function stringParam(params: URLSearchParams, name: string): string | null {
  const raw = params.get(name);
  if (raw === null) return null;
  const trimmed = raw.trim();
  if (trimmed === '') throw badParameter(name, `The search parameter ${name} is empty`);
  if (trimmed.length > 200) throw badParameter(name, `The search parameter ${name} is too long`);
  return trimmed;
}
