import { describe, expect, it } from 'vitest';
import { renderPdfDocument, type PdfBlock } from './pdf-document.ts';
import { pdfBodyFontSize, pdfText } from '../../test/pdf-text.ts';

describe('renderPdfDocument', () => {
  const blocks = [
    { kind: 'address', lines: ['Mrs Betty Brown', '1 High Street', 'Exeter', 'EX1 1AA'] },
    { kind: 'heading', text: 'What we did together' },
    { kind: 'paragraph', text: 'Your score for everyday activities went up by 4 points.' },
    { kind: 'list', items: ['Sit to stand, 10 times, every day', 'Kitchen practice, twice a week'] },
    { kind: 'rows', rows: [{ key: 'Therapist', value: 'Asha Patel' }] },
  ] satisfies PdfBlock[];

  it('lays out every block so that a reader can read it back, with the page footer', async () => {
    const pdf = await renderPdfDocument({ title: 'Your therapy has finished', printSize: 'standard', header: 'NHS number 943 476 5919', blocks: [...blocks] });
    const { text, pages } = await pdfText(pdf);
    expect(pages).toBe(1);
    for (const s of ['Your therapy has finished', 'Mrs Betty Brown', 'EX1 1AA', 'went up by 4 points', 'Kitchen practice, twice a week', 'Therapist: Asha Patel', 'NHS number 943 476 5919', 'Page 1 of 1']) expect(text).toContain(s);
    expect(await pdfBodyFontSize(pdf)).toBe(12);
  });

  it('sets large print at 18 point and spreads it over more pages', async () => {
    const many = Array.from({ length: 80 }, (_, i) => ({ kind: 'paragraph' as const, text: `Paragraph ${i + 1} of the letter in plain English.` }));
    const standard = await pdfText(await renderPdfDocument({ title: 'Letter', printSize: 'standard', blocks: many }));
    const largePdf = await renderPdfDocument({ title: 'Letter', printSize: 'large', blocks: many });
    const large = await pdfText(largePdf);
    expect(await pdfBodyFontSize(largePdf)).toBe(18);
    expect(large.pages).toBeGreaterThan(standard.pages);
    expect(large.text).toContain('Paragraph 80 of the letter');
    expect(large.text).toContain(`Page ${large.pages} of ${large.pages}`);
  });
});
