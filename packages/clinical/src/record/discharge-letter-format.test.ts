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
