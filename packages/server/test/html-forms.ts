// Reads the POST forms on a Homeward page the way a browser would fill them in: hidden fields as
// given, the first choice of each radio group and select, and a plausible answer in each empty box.
// Our own markup comes from the NHS.UK macros, so simple patterns are enough.
import type { FormFields } from './fuzz-inputs.ts';

export type HtmlForm = { action: string; fields: FormFields };

const attr = (tag: string, name: string): string | undefined => {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? unescape(m[1]!) : undefined;
};

function unescape(text: string): string {
  return text.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** A believable answer for an empty field, by its name (dates in the recent past). */
function answerFor(name: string, fresh: Answers): string {
  if (/^minutes-/.test(name) || /^(endsOn|plannedEndOn)-/.test(name) || name === 'consentMissingReason') return '';
  if (/^(targetOn|nextReviewOn)-day$/.test(name)) return '20';
  if (/^(targetOn|nextReviewOn)-month$/.test(name)) return '12';
  if (name === 'nhsNumber') return fresh.nhsNumber();
  if (name === 'registrationNumber') return 'OT12345';
  if (/email/i.test(name)) return fresh.email();
  if (/-day$/.test(name)) return '20';
  if (/-month$/.test(name)) return '11';
  if (/-year$/.test(name)) return /birth/i.test(name) ? '1941' : '2026';
  if (/-hour$/.test(name) || /hour/i.test(name)) return '10';
  if (/-minute$/.test(name) || /minute/i.test(name)) return '15';
  if (/postcode/i.test(name)) return 'ST6 3HR';
  if (/phone/i.test(name)) return '01632 960123';
  if (/gpPracticeCode/.test(name)) return 'M83001';
  if (/password/i.test(name)) return 'a-long-enough-password-1';
  if (/times|seconds|score|responses\./i.test(name)) return '1';
  return 'Fuzz answer';
}

/** Fresh values for fields that must be unique (a new patient's NHS number, a new account's email). */
export type Answers = { nhsNumber(): string; email(): string };

const noFreshAnswers: Answers = { nhsNumber: () => '9434765919', email: () => 'fuzz.form@test.example' };

export function postFormsOn(html: string, fresh: Answers = noFreshAnswers): HtmlForm[] {
  const forms: HtmlForm[] = [];
  for (const m of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    const open = m[1]!;
    if ((attr(open, 'method') ?? 'get').toLowerCase() !== 'post') continue;
    const inner = m[2]!;
    const fields: FormFields = [];
    const radiosTaken = new Set<string>();
    for (const tag of inner.matchAll(/<(input|select|textarea)\b([^>]*)>/g)) {
      const kind = tag[1]!;
      const attrs = tag[2]!;
      const name = attr(attrs, 'name');
      if (!name) continue;
      if (kind === 'select') {
        const body = inner.slice(tag.index, inner.indexOf('</select>', tag.index));
        const options = [...body.matchAll(/<option\b([^>]*)>/g)].map((o) => attr(o[1]!, 'value') ?? '');
        fields.push([name, options.find((v) => v !== '') ?? '']);
        continue;
      }
      if (kind === 'textarea') {
        const end = inner.indexOf('</textarea>', tag.index);
        const text = unescape(inner.slice(tag.index + tag[0].length, end)).trim();
        fields.push([name, text || answerFor(name, fresh)]);
        continue;
      }
      const type = (attr(attrs, 'type') ?? 'text').toLowerCase();
      const value = attr(attrs, 'value') ?? '';
      if (type === 'radio') {
        if (!radiosTaken.has(name)) fields.push([name, value]);
        radiosTaken.add(name);
      } else if (type === 'checkbox') {
        // Checked ones as shown; and one of each group a form cannot be sent without (triage's skills).
        if (/\schecked\b/.test(attrs) || (name === 'skillsNeeded' && !radiosTaken.has(name))) fields.push([name, value]);
        radiosTaken.add(name);
      } else if (type === 'submit' || type === 'button') {
        if (value) fields.push([name, value]);
      } else if (type === 'hidden') {
        fields.push([name, value]);
      } else {
        fields.push([name, value || answerFor(name, fresh)]);
      }
    }
    forms.push({ action: attr(open, 'action') ?? '', fields });
  }
  return forms;
}
