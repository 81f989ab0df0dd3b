import { describe, expect, it } from 'vitest';
import { previewNoteText } from './note-preview.ts';

describe('the first lines of a contact note', () => {
  const options = { maxLines: 3, maxChars: 60 };

  it('shows a short note whole', () => {
    expect(previewNoteText('Sit-to-stand x10 with daughter.', options)).toEqual({ text: 'Sit-to-stand x10 with daughter.', truncated: false });
  });

  it('shows three lines whole, and keeps their line breaks', () => {
    expect(previewNoteText('S: tired\nO: walked 10 m\nA: improving', options)).toEqual({ text: 'S: tired\nO: walked 10 m\nA: improving', truncated: false });
  });

  it('stops after three lines, not counting blank ones', () => {
    expect(previewNoteText('S: tired\n\nO: walked\n\nA: better\n\nP: review Friday', options)).toEqual({ text: 'S: tired\nO: walked\nA: better', truncated: true });
  });

  it('cuts a long line back to the last whole word, without trailing punctuation', () => {
    const body = 'Mrs B walked to the kitchen with her frame, made a hot drink, and carried it in a lidded mug to the lounge.';
    const preview = previewNoteText(body, options);
    expect(preview).toEqual({ text: 'Mrs B walked to the kitchen with her frame, made a hot', truncated: true });
    expect(preview.text.length).toBeLessThanOrEqual(60);
  });

  it('cuts a single very long word where it stands', () => {
    expect(previewNoteText('x'.repeat(100), options)).toEqual({ text: 'x'.repeat(60), truncated: true });
  });

  it('treats Windows line endings as line breaks', () => {
    expect(previewNoteText('one\r\ntwo\r\nthree\r\nfour', options)).toEqual({ text: 'one\ntwo\nthree', truncated: true });
  });
});
