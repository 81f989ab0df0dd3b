// The first lines of a contact note, for the record's list of notes: enough to read the history
// without opening every note, with the whole text one click away (a <details>, no JavaScript).

export type NotePreviewOptions = {
  /** At most this many lines (a line is what the clinician typed between line breaks). */
  maxLines: number;
  /** At most this many characters, cut back to the last whole word. */
  maxChars: number;
};

export type NotePreview = { text: string; truncated: boolean };

export const notePreviewDefaults: NotePreviewOptions = { maxLines: 3, maxChars: 280 };

/**
 * The opening of `body`: the whole of it when it fits in `maxLines` lines and `maxChars` characters,
 * otherwise its first lines, cut at a word boundary, with `truncated` set so the page offers the rest.
 * Blank lines are not counted as lines, so a note that opens with a gap still shows its words.
 */
export function previewNoteText(body: string, options: NotePreviewOptions = notePreviewDefaults): NotePreview {
  const text = body.replace(/\r\n?/g, '\n').trim();
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  let preview = lines.slice(0, options.maxLines).join('\n');
  let truncated = lines.length > options.maxLines;
  if (preview.length > options.maxChars) {
    const cut = preview.slice(0, options.maxChars + 1);
    const lastSpace = cut.search(/\s\S*$/);
    // A word longer than the whole preview is cut where it stands rather than dropped.
    preview = (lastSpace > options.maxChars / 2 ? cut.slice(0, lastSpace) : cut.slice(0, options.maxChars)).trimEnd();
    truncated = true;
  }
  if (!truncated) return { text, truncated: false };
  return { text: preview.replace(/[\s,;:.-]+$/, ''), truncated: true };
}
