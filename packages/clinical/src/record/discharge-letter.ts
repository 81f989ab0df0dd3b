// The two discharge letters built from a final summary: to the patient in plain English, and to the
// GP in clinical terms with the identifiers a practice files by (NHS number, date of birth). The
// blocks are the PDF renderer's block model; the text is exactly what the clinician finalised.
import { formatDisplayDate } from '../date-parts.ts';
import { formatNhsNumber } from '../nhs-number.ts';
import { communicationNeedLabels, type CommunicationNeeds } from '../patient.ts';
import { serviceLabels, type Service } from '../referral-vocabulary.ts';
import { dischargeSummarySectionHeadings, type DischargeSummaryContent } from './discharge-summary.ts';
import type { LetterPrintSize } from './discharge-letter-format.ts';

export type LetterBlock =
  | { kind: 'heading'; text: string; level?: 1 | 2 }
  | { kind: 'paragraph'; text: string; bold?: boolean }
  | { kind: 'list'; items: readonly string[] }
  | { kind: 'rows'; rows: readonly { key: string; value: string }[] }
  | { kind: 'address'; lines: readonly string[] }
  | { kind: 'space' };

export type DischargeLetter = { title: string; header: string; blocks: LetterBlock[] };

export type LetterPatient = {
  givenName: string;
  familyName: string;
  nhsNumber: string;
  dateOfBirth: string;
  addressLine1: string;
  addressLine2: string | null;
  town: string;
  postcode: string;
  gpPracticeCode: string | null;
  gpPracticeName: string | null;
  communicationNeeds: CommunicationNeeds | null;
};

export type LetterAuthor = { name: string; roleLabel: string };

/** Section text as letter blocks: lines starting "- " or "• " become a list; other lines, paragraphs. */
export function textToLetterBlocks(text: string): LetterBlock[] {
  const blocks: LetterBlock[] = [];
  let items: string[] = [];
  const flush = () => {
    if (items.length) blocks.push({ kind: 'list', items });
    items = [];
  };
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    const item = /^[-•*]\s+(.*)$/.exec(line);
    if (item) items.push(item[1]!.trim());
    else {
      flush();
      if (line) blocks.push({ kind: 'paragraph', text: line });
    }
  }
  flush();
  return blocks;
}

const fullName = (p: LetterPatient) => `${p.givenName} ${p.familyName}`;

/** The address as printed on the letter; false when there is none to post it to. */
export function patientPostalAddress(p: Pick<LetterPatient, 'givenName' | 'familyName' | 'addressLine1' | 'addressLine2' | 'town' | 'postcode'>): string[] | null {
  if (!p.addressLine1.trim() || !p.postcode.trim()) return null;
  return [`${p.givenName} ${p.familyName}`, p.addressLine1, ...(p.addressLine2 ? [p.addressLine2] : []), ...(p.town ? [p.town] : []), p.postcode].map((l) => l.trim()).filter(Boolean);
}

/** A telephone number read across a line break is easily misdialled: keep it on one line. */
const unbroken = (text: string) => text.replace(/ /g, '\u00a0');

export type PatientLetterOptions = {
  content: DischargeSummaryContent;
  patient: LetterPatient;
  teamName: string;
  /** The team's telephone number, so the patient knows how to reach us; null when none is recorded. */
  teamPhone: string | null;
  /** yyyy-mm-dd, the UK date the letter is produced. */
  on: string;
  author: LetterAuthor;
  discharged: boolean;
  simpleWords: boolean;
};

export function patientLetterBlocks(o: PatientLetterOptions): DischargeLetter {
  const p = o.patient;
  const address = patientPostalAddress(p);
  if (!address) throw new Error('A patient letter needs a postal address');
  const blocks: LetterBlock[] = [
    { kind: 'address', lines: address },
    { kind: 'paragraph', text: formatDisplayDate(o.on) },
    { kind: 'paragraph', text: `Dear ${fullName(p)},` },
    {
      kind: 'paragraph',
      text: `${o.discharged ? `Your therapy with the ${o.teamName} team has finished.` : `Your therapy with the ${o.teamName} team is coming to an end.`} This letter says what we did together and what happens next. Please keep it.`,
    },
  ];
  if (o.simpleWords) blocks.push({ kind: 'paragraph', text: 'We have tried to use simple words. Please ask us if anything is not clear.' });
  for (const s of o.content.sections) {
    if (!s.patientText.trim()) continue;
    blocks.push({ kind: 'heading', text: dischargeSummarySectionHeadings[s.id].patient }, ...textToLetterBlocks(s.patientText));
  }
  if (p.gpPracticeName) blocks.push({ kind: 'paragraph', text: `We are also writing to your GP at ${p.gpPracticeName} about your therapy.` });
  blocks.push(
    {
      kind: 'paragraph',
      text: o.teamPhone
        ? `If you have any questions, please call us on ${unbroken(o.teamPhone)}. If you would like this letter in another format or language, such as braille, audio or easy read, please call us too.`
        : 'If you would like this letter in another format or language, such as braille, audio or easy read, please contact us.',
    },
    { kind: 'paragraph', text: 'Yours sincerely,' },
    { kind: 'address', lines: [o.author.name, o.author.roleLabel, o.teamName, ...(o.teamPhone ? [`Telephone ${o.teamPhone}`] : [])] },
  );
  return { title: 'About your therapy with us', header: `${fullName(p)} · NHS number ${formatNhsNumber(p.nhsNumber)}`, blocks };
}

export type GpLetterOptions = {
  content: DischargeSummaryContent;
  patient: LetterPatient;
  service: string;
  teamName: string;
  teamPhone: string | null;
  on: string;
  author: LetterAuthor;
  episode: { firstContactOn: string | null; dischargedOn: string | null; plannedEndOn: string | null; referralReceivedOn: string };
  /** The print size the patient's letter was (or will be) sent in, so the practice knows too. */
  patientPrintSize: LetterPrintSize | null;
};

export function gpLetterBlocks(o: GpLetterOptions): DischargeLetter {
  const p = o.patient;
  if (!p.gpPracticeName && !p.gpPracticeCode) throw new Error('A GP letter needs a GP practice');
  const practice = p.gpPracticeName ?? p.gpPracticeCode!;
  const address = [p.addressLine1, p.addressLine2, p.town, p.postcode].filter((l) => l && l.trim()).join(', ');
  const needs = p.communicationNeeds?.needs ?? [];
  const rows = [
    { key: 'Patient', value: `${p.givenName} ${p.familyName.toUpperCase()}` },
    { key: 'NHS number', value: formatNhsNumber(p.nhsNumber) },
    { key: 'Date of birth', value: formatDisplayDate(p.dateOfBirth) },
    { key: 'Address', value: address || 'No address recorded' },
    { key: 'Service', value: `${serviceLabels[o.service as Service] ?? o.service}, ${o.teamName}` },
    { key: 'Referral received', value: formatDisplayDate(o.episode.referralReceivedOn) },
    { key: 'First contact', value: o.episode.firstContactOn ? formatDisplayDate(o.episode.firstContactOn) : 'Not recorded' },
    {
      key: 'Discharge',
      value: o.episode.dischargedOn ? formatDisplayDate(o.episode.dischargedOn) : o.episode.plannedEndOn ? `Planned for ${formatDisplayDate(o.episode.plannedEndOn)}` : 'Being planned',
    },
  ];
  if (needs.length) {
    rows.push({
      key: 'Communication needs',
      value: needs.map((n) => (n === 'interpreter' && p.communicationNeeds?.interpreterLanguage ? `${communicationNeedLabels[n]} (${p.communicationNeeds.interpreterLanguage})` : communicationNeedLabels[n])).join(', '),
    });
  }
  const blocks: LetterBlock[] = [
    { kind: 'address', lines: ['The GP', practice, ...(p.gpPracticeCode && p.gpPracticeName ? [`Practice code ${p.gpPracticeCode}`] : [])] },
    { kind: 'paragraph', text: formatDisplayDate(o.on) },
    { kind: 'rows', rows },
    { kind: 'paragraph', text: 'Dear Doctor,' },
    { kind: 'paragraph', text: `${o.episode.dischargedOn ? 'Your patient has been discharged' : 'Your patient is being discharged'} from ${o.teamName}. This is the discharge summary.` },
  ];
  for (const s of o.content.sections) {
    if (!s.text.trim()) continue;
    blocks.push({ kind: 'heading', text: dischargeSummarySectionHeadings[s.id].clinical }, ...textToLetterBlocks(s.text));
  }
  if (o.patientPrintSize) blocks.push({ kind: 'paragraph', text: `The patient has been sent their own letter in plain English${o.patientPrintSize === 'large' ? ', in large print' : ''}.` });
  blocks.push({ kind: 'paragraph', text: 'Yours sincerely,' }, { kind: 'address', lines: [o.author.name, o.author.roleLabel, o.teamName, ...(o.teamPhone ? [`Telephone ${o.teamPhone}`] : [])] });
  return { title: 'Discharge summary', header: `${p.givenName} ${p.familyName.toUpperCase()} · NHS number ${formatNhsNumber(p.nhsNumber)} · born ${formatDisplayDate(p.dateOfBirth)}`, blocks };
}
