import { describe, expect, it } from 'vitest';
import { chooseDischargeLetterFormat } from './discharge-letter-format.ts';

const needs = (list: string[], interpreterLanguage: string | null = null) => ({ needs: list as never, interpreterLanguage, notes: null });

describe('chooseDischargeLetterFormat', () => {
  it('chooses large print when large print is a recorded need, and says why', () => {
    const f = chooseDischargeLetterFormat({ needs: needs(['large-print']), patientName: 'Betty Bloor' });
    expect(f).toEqual({ printSize: 'large', printSizeReason: 'Large print, because Betty Bloor’s recorded communication needs include large print.', simpleWords: false, notes: [], alternativeFormats: [] });
  });

  it('chooses standard print when nothing is recorded', () => {
    for (const n of [null, needs([]), needs(['hearing'])]) {
      const f = chooseDischargeLetterFormat({ needs: n, patientName: 'Ali Khan' });
      expect(f.printSize).toBe('standard');
      expect(f.printSizeReason).toBe('Standard print: no need for large print is recorded for Ali Khan.');
      expect(f.alternativeFormats).toEqual([]);
    }
  });

  it('keeps to simple words for easy read, cognition and aphasia, with a note for the clinician', () => {
    const f = chooseDischargeLetterFormat({ needs: needs(['easy-read', 'aphasia']), patientName: 'Betty Bloor' });
    expect(f.simpleWords).toBe(true);
    expect(f.notes[0]).toContain('Betty Bloor needs easy read: keep the patient’s wording to short sentences and everyday words');
    expect(f.notes[1]).toContain('aphasia');
    expect(f.alternativeFormats).toEqual([]);
  });

  it('warns that an interpreter, BSL or sight loss needs an alternative format as well as the letter', () => {
    const f = chooseDischargeLetterFormat({ needs: needs(['interpreter', 'bsl', 'sight'], 'Polish'), patientName: 'Jan Nowak' });
    expect(f.printSize).toBe('large');
    expect(f.printSizeReason).toContain('sight loss');
    expect(f.alternativeFormats.map((a) => a.need)).toEqual(['interpreter', 'bsl', 'sight']);
    expect(f.alternativeFormats[0]!.message).toBe('Jan Nowak needs an interpreter (Polish). This letter is in English: arrange a translation, or an interpreter to go through it with Jan Nowak.');
    expect(f.alternativeFormats[2]!.message).toContain('braille, audio');
  });
});

describe('chooseDischargeLetterFormat: every word it gives', () => {
  it('large print for sight loss, with braille and audio to check, and simple words for cognition', () => {
    expect(chooseDischargeLetterFormat({ needs: needs(['sight', 'cognition']), patientName: 'Ali Khan' })).toEqual({
      printSize: 'large',
      printSizeReason: 'Large print, because Ali Khan’s recorded communication needs include sight loss.',
      simpleWords: true,
      notes: ['Ali Khan’s needs include cognitive impairment: keep the patient’s wording short and simple, and go through the letter with them or their carer.'],
      alternativeFormats: [{ need: 'sight', message: 'Ali Khan has sight loss. Check whether Ali Khan needs braille, audio, or an email to read with a screen reader, as well as large print.' }],
    });
  });

  it('easy read and aphasia, each with its note, in standard print', () => {
    expect(chooseDischargeLetterFormat({ needs: needs(['aphasia', 'easy-read']), patientName: 'Betty Bloor' })).toEqual({
      printSize: 'standard',
      printSizeReason: 'Standard print: no need for large print is recorded for Betty Bloor.',
      simpleWords: true,
      notes: [
        'Betty Bloor needs easy read: keep the patient’s wording to short sentences and everyday words. Homeward does not make a picture-supported easy-read version; arrange one if Betty Bloor needs it.',
        'Betty Bloor’s needs include aphasia: keep the patient’s wording short and simple, and go through the letter with them or their carer.',
      ],
      alternativeFormats: [],
    });
  });

  it('an interpreter with no language recorded, and BSL, in standard print', () => {
    expect(chooseDischargeLetterFormat({ needs: needs(['bsl', 'interpreter']), patientName: 'Jan Nowak' })).toEqual({
      printSize: 'standard',
      printSizeReason: 'Standard print: no need for large print is recorded for Jan Nowak.',
      simpleWords: false,
      notes: [],
      alternativeFormats: [
        { need: 'interpreter', message: 'Jan Nowak needs an interpreter. This letter is in English: arrange a translation, or an interpreter to go through it with Jan Nowak.' },
        { need: 'bsl', message: 'Jan Nowak uses British Sign Language. Arrange a BSL interpreter or a BSL video to go through this letter.' },
      ],
    });
  });

  it('gives large print’s own reason when both large print and sight loss are recorded', () => {
    expect(chooseDischargeLetterFormat({ needs: needs(['sight', 'large-print']), patientName: 'Ali Khan' }).printSizeReason).toBe(
      'Large print, because Ali Khan’s recorded communication needs include large print.',
    );
  });
});
