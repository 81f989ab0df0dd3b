// The discharge summary: drafted from what is recorded, edited by the clinician, then final. Each
// section has two texts: the clinical wording (the record and the GP letter) and plain English for the
// patient's letter. The clinician approves both, so each letter says exactly what was finalised.
import type { HomewardRole } from '../staff-roles.ts';
import type { RecordFieldError } from './consent.ts';
import { bannedAcronyms, bannedTermsIn } from './plain-words.ts';

export const dischargeSummarySectionIds = [
  'reason-for-referral',
  'what-we-did',
  'goals',
  'outcome-measures',
  'programme',
  'advice',
  'onward-referrals',
  'equipment',
  'follow-up',
] as const;
export type DischargeSummarySectionId = (typeof dischargeSummarySectionIds)[number];

/** The clinical heading (record, GP) and the patient's heading for each section. */
export const dischargeSummarySectionHeadings: Record<DischargeSummarySectionId, { clinical: string; patient: string }> = {
  'reason-for-referral': { clinical: 'Reason for referral', patient: 'Why you were referred to us' },
  'what-we-did': { clinical: 'What we did', patient: 'What we did together' },
  goals: { clinical: 'Goals and attainment', patient: 'Your goals' },
  'outcome-measures': { clinical: 'Outcome measures', patient: 'How your scores changed' },
  programme: { clinical: 'Programme of care completed', patient: 'Your exercises and activities' },
  advice: { clinical: 'Advice given', patient: 'Our advice' },
  'onward-referrals': { clinical: 'Onward referrals', patient: 'Other services we have asked to help you' },
  equipment: { clinical: 'Equipment', patient: 'Equipment' },
  'follow-up': { clinical: 'Follow-up and who to contact', patient: 'What happens next and who to contact' },
};

export type DischargeSummarySection = {
  id: DischargeSummarySectionId;
  /** Clinical wording, for the record and the GP. Lines starting "- " are list items. */
  text: string;
  /** Plain English for the patient's letter; empty leaves the section out of it. */
  patientText: string;
  /** Where the draft came from, shown beside the section so the clinician can check it. */
  source: string;
};

export type DischargeSummaryContent = {
  sections: DischargeSummarySection[];
  /** GAS T-scores as drafted, kept for reporting even if the text is edited. */
  goalAttainment: { goals: number; baselineTScore: number | null; dischargeTScore: number | null; weighted: boolean };
  draftedAt: string;
};

/** Writing and finalising a discharge summary needs the clinician who holds the episode's decisions. */
export function mayWriteDischargeSummary(role: HomewardRole): boolean {
  return role === 'assistant-practitioner' || role === 'registered-therapist' || role === 'clinical-lead';
}

export const dischargeSectionMaxLength = 6000;

/** Sections every summary needs before it is final: without them a letter says nothing useful. */
export const requiredDischargeSections: readonly DischargeSummarySectionId[] = ['reason-for-referral', 'what-we-did', 'follow-up'];

/** Shorthand a patient should not meet: the list and its matching are plain-words.ts's. */
export const dischargeJargon: readonly string[] = bannedAcronyms;

export function jargonIn(text: string): string[] {
  return bannedTermsIn(text);
}

export type DischargeSectionEdit = { id: DischargeSummarySectionId; text: string; patientText: string };

/** Text that cannot be saved at all (too long), as field paths sections.<id>.text / .patientText. */
export function checkDischargeSectionEdits(edits: readonly DischargeSectionEdit[]): RecordFieldError[] {
  const fields: RecordFieldError[] = [];
  for (const e of edits) {
    const heading = dischargeSummarySectionHeadings[e.id].clinical;
    if (e.text.length > dischargeSectionMaxLength) fields.push({ path: `sections.${e.id}.text`, message: `${heading}: the clinical text must be ${dischargeSectionMaxLength} characters or fewer` });
    if (e.patientText.length > dischargeSectionMaxLength) fields.push({ path: `sections.${e.id}.patientText`, message: `${heading}: the patient’s wording must be ${dischargeSectionMaxLength} characters or fewer` });
  }
  return fields;
}

/** Applies edits to the sections they name; other sections are kept as they are. */
export function applyDischargeSectionEdits(content: DischargeSummaryContent, edits: readonly DischargeSectionEdit[]): DischargeSummaryContent {
  const byId = new Map(edits.map((e) => [e.id, e]));
  return {
    ...content,
    sections: content.sections.map((s) => {
      const e = byId.get(s.id);
      return e ? { ...s, text: e.text.trim(), patientText: e.patientText.trim() } : s;
    }),
  };
}

/** What must be true before the summary is final: the required sections written, the patient's wording free of shorthand. */
export function checkDischargeSummaryForFinal(content: DischargeSummaryContent): RecordFieldError[] {
  const fields: RecordFieldError[] = [];
  for (const s of content.sections) {
    const heading = dischargeSummarySectionHeadings[s.id].clinical;
    if (requiredDischargeSections.includes(s.id)) {
      if (!s.text.trim()) fields.push({ path: `sections.${s.id}.text`, message: `${heading}: enter the clinical text before finalising` });
      if (!s.patientText.trim()) fields.push({ path: `sections.${s.id}.patientText`, message: `${heading}: enter the patient’s wording before finalising` });
    }
    const jargon = jargonIn(s.patientText);
    if (jargon.length) {
      fields.push({
        path: `sections.${s.id}.patientText`,
        message: `${heading}: the patient’s wording uses ${jargon.map((j) => `“${j}”`).join(', ')}. Say it in everyday words, or keep it for the GP’s text`,
      });
    }
  }
  return fields;
}
