// Completions imported from an ESR-style CSV export (the competence report: one row per person, course
// and achievement date). Pure: the server parses the CSV (csv-parse) and looks up the team's people and
// the courses; this says, row by row, what the import would do and why a row cannot be used.
//
// Decisions:
//  - Three columns are needed, found by heading in any order and case: "Email Address" (the person; ESR
//    holds the NHS mail address Homeward signs in with), "Competence Name" (the course, by its code or
//    name, or ESR's "NHS|CSTF|Fire Safety|" form, any part of which may be the code or name) and
//    "Achievement Date". Other columns (Full Name, Employee Number, Expiry Date) are ignored: expiry is
//    worked out from the course's renewal period here, so a change of policy changes every date alike.
//  - Dates as ESR writes them: 03/03/2026, 03-MAR-2026, or 2026-03-03. Anything else is refused with
//    the row, never guessed (is 03/04 March or April?). A date after today is refused.
//  - A row twice in the file (same person, course and day) is listed once as a duplicate; a completion
//    already recorded is "no change"; so the same file twice changes nothing.
//  - A file over 200,000 characters or 5,000 rows is refused before it is parsed (a team's export is a
//    few hundred rows); so is one whose headings lack a needed column.
import { daysBetween } from '../episode-dates.ts';
import { trainingExpiry } from './training-rules.ts';

export const esrMaxFileCharacters = 200_000;
export const esrMaxRows = 5_000;

export const esrColumns = { email: 'Email Address', course: 'Competence Name', completedOn: 'Achievement Date' } as const;
type EsrColumn = keyof typeof esrColumns;

/** Before parsing: refuse a file too big to be a team's export. */
export function esrFileSizeProblem(text: string): string | null {
  if (text.length > esrMaxFileCharacters) return `The file is too large (${text.length.toLocaleString('en-GB')} characters): an export for one team is at most ${esrMaxFileCharacters.toLocaleString('en-GB')}. Export your team only.`;
  if (text.trim() === '') return 'The file is empty: export the competence report from ESR and paste or choose it again';
  return null;
}

export type EsrHeading = { ok: true; index: Record<EsrColumn, number>; width: number } | { ok: false; message: string };

/** Where each needed column is, from the heading row. */
export function readEsrHeading(headings: readonly string[]): EsrHeading {
  const norm = headings.map((h) => h.replace(/^\uFEFF/, '').trim().toLowerCase());
  const index = {} as Record<EsrColumn, number>;
  const missing: string[] = [];
  for (const [key, heading] of Object.entries(esrColumns) as [EsrColumn, string][]) {
    const at = norm.indexOf(heading.toLowerCase());
    if (at < 0) missing.push(heading);
    else index[key] = at;
  }
  if (missing.length) {
    return { ok: false, message: `The file has the wrong columns: it needs ${Object.values(esrColumns).join(', ')}; missing ${missing.join(', ')}. The first row must be the column headings.` };
  }
  return { ok: true, index, width: headings.length };
}

const monthsShort = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

/** An ESR date as YYYY-MM-DD, or null when it is not one of the three forms or no such day. */
export function parseEsrDate(text: string): string | null {
  const t = text.trim();
  let y: number, m: number, d: number;
  let match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  if (match) [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if ((match = /^(\d{1,2})-([A-Za-z]{3})-(\d{4})$/.exec(t))) {
    const month = monthsShort.indexOf(match[2]!.toUpperCase());
    if (month < 0) return null;
    [d, m, y] = [Number(match[1]), month + 1, Number(match[3])];
  } else if ((match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t))) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else return null;
  if (y < 1900 || m < 1 || m > 12 || d < 1) return null;
  const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > lastDay) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export type EsrPerson = { id: string; name: string };
export type EsrCourse = { id: string; code: string; name: string; renewalMonths: number | null };

export const esrRowProblems = ['wrong-columns', 'missing-value', 'unknown-person', 'unknown-course', 'bad-date', 'future-date', 'duplicate'] as const;
export type EsrRowProblem = (typeof esrRowProblems)[number];

export type EsrRowOutcome =
  | { line: number; outcome: 'add' | 'no-change'; staffId: string; staffName: string; courseId: string; courseName: string; completedOn: string; expiresOn: string | null }
  | { line: number; outcome: 'problem'; problem: EsrRowProblem; reason: string; email: string; course: string; date: string };

export type ClassifyEsrRowsOptions = {
  heading: Extract<EsrHeading, { ok: true }>;
  /** The data rows, without the heading; line numbers count the heading as line 1. */
  rows: readonly (readonly string[])[];
  /** The team's people by email address (lower case). */
  people: ReadonlyMap<string, EsrPerson>;
  courses: readonly EsrCourse[];
  /** `${staffId} ${courseId} ${completedOn}` already recorded. */
  recorded: ReadonlySet<string>;
  today: string;
};

function findCourse(courses: readonly EsrCourse[], text: string): EsrCourse | null {
  const parts = [text, ...text.split('|')].map((p) => p.trim().toLowerCase()).filter((p) => p !== '');
  for (const part of parts) {
    const course = courses.find((c) => c.code.toLowerCase() === part || c.name.toLowerCase() === part);
    if (course) return course;
  }
  return null;
}

/** What each row would do: add a completion, change nothing, or cannot be used (with the reason). */
export function classifyEsrRows(o: ClassifyEsrRowsOptions): EsrRowOutcome[] {
  const seen = new Set<string>();
  return o.rows.map((row, i) => {
    const line = i + 2;
    const cell = (k: EsrColumn) => (row[o.heading.index[k]] ?? '').trim();
    const email = cell('email');
    const courseText = cell('course');
    const date = cell('completedOn');
    const problem = (p: EsrRowProblem, reason: string): EsrRowOutcome => ({ line, outcome: 'problem', problem: p, reason, email, course: courseText, date });
    if (row.length !== o.heading.width) return problem('wrong-columns', `Row ${line} has ${row.length} ${row.length === 1 ? 'column' : 'columns'}; the headings have ${o.heading.width}`);
    if (email === '' || courseText === '' || date === '') {
      const missing = [email === '' ? esrColumns.email : null, courseText === '' ? esrColumns.course : null, date === '' ? esrColumns.completedOn : null].filter(Boolean).join(', ');
      return problem('missing-value', `Row ${line} has no ${missing}`);
    }
    const person = o.people.get(email.toLowerCase());
    if (!person) return problem('unknown-person', `Nobody in your team has the email address ${email}`);
    const course = findCourse(o.courses, courseText);
    if (!course) return problem('unknown-course', `“${courseText}” is not a course Homeward knows: add it to the courses, or check its code`);
    const completedOn = parseEsrDate(date);
    if (completedOn === null) return problem('bad-date', `“${date}” is not a date: use day/month/year, like 03/03/2026`);
    if (daysBetween(o.today, completedOn) > 0) return problem('future-date', `${date} is in the future: a completion cannot be after today`);
    const key = `${person.id} ${course.id} ${completedOn}`;
    if (seen.has(key)) return problem('duplicate', `The same as an earlier row: ${person.name}, ${course.name}, ${date}`);
    seen.add(key);
    const expiresOn = trainingExpiry({ completedOn, renewalMonths: course.renewalMonths });
    return { line, outcome: o.recorded.has(key) ? 'no-change' : 'add', staffId: person.id, staffName: person.name, courseId: course.id, courseName: course.name, completedOn, expiresOn };
  });
}

/** How many rows add, change nothing, or cannot be used. */
export function summariseEsrRows(rows: readonly EsrRowOutcome[]): { add: number; noChange: number; problems: number } {
  return {
    add: rows.filter((r) => r.outcome === 'add').length,
    noChange: rows.filter((r) => r.outcome === 'no-change').length,
    problems: rows.filter((r) => r.outcome === 'problem').length,
  };
}
