// How the patient's letter must look, from their recorded communication needs (Accessible Information
// Standard): large print when they need it, simple words when they need them, and a warning when a
// printed English letter is not enough on its own (an interpreter, BSL, braille or audio).
import { communicationNeedLabels, type CommunicationNeedKind, type CommunicationNeeds } from '../patient.ts';

export type LetterPrintSize = 'standard' | 'large';

export type DischargeLetterFormat = {
  printSize: LetterPrintSize;
  /** Why that print size is the default, for the page. */
  printSizeReason: string;
  /** The letter keeps to short sentences and everyday words, and says so. */
  simpleWords: boolean;
  /** Things the clinician should know while producing the letter. */
  notes: string[];
  /** Needs a printed English letter does not meet: the letter needs an alternative format too. */
  alternativeFormats: { need: CommunicationNeedKind; message: string }[];
};

export type ChooseDischargeLetterFormatOptions = { needs: CommunicationNeeds | null; patientName: string };

export function chooseDischargeLetterFormat(o: ChooseDischargeLetterFormatOptions): DischargeLetterFormat {
  const needs = o.needs?.needs ?? [];
  const has = (k: CommunicationNeedKind) => needs.includes(k);
  const name = o.patientName;
  const large = has('large-print') || has('sight');
  const printSizeReason = has('large-print')
    ? `Large print, because ${name}’s recorded communication needs include large print.`
    : has('sight')
      ? `Large print, because ${name}’s recorded communication needs include sight loss.`
      : `Standard print: no need for large print is recorded for ${name}.`;
  const simpleKinds = (['easy-read', 'cognition', 'aphasia'] as const).filter(has);
  const notes = simpleKinds.map((k) =>
    k === 'easy-read'
      ? `${name} needs easy read: keep the patient’s wording to short sentences and everyday words. Homeward does not make a picture-supported easy-read version; arrange one if ${name} needs it.`
      : `${name}’s needs include ${communicationNeedLabels[k].toLowerCase()}: keep the patient’s wording short and simple, and go through the letter with them or their carer.`,
  );
  const alternativeFormats: DischargeLetterFormat['alternativeFormats'] = [];
  if (has('interpreter')) {
    const language = o.needs?.interpreterLanguage;
    alternativeFormats.push({ need: 'interpreter', message: `${name} needs an interpreter${language ? ` (${language})` : ''}. This letter is in English: arrange a translation, or an interpreter to go through it with ${name}.` });
  }
  if (has('bsl')) alternativeFormats.push({ need: 'bsl', message: `${name} uses British Sign Language. Arrange a BSL interpreter or a BSL video to go through this letter.` });
  if (has('sight')) alternativeFormats.push({ need: 'sight', message: `${name} has sight loss. Check whether ${name} needs braille, audio, or an email to read with a screen reader, as well as large print.` });
  return { printSize: large ? 'large' : 'standard', printSizeReason, simpleWords: simpleKinds.length > 0, notes, alternativeFormats };
}
