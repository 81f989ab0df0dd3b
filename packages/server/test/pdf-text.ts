// Reads a PDF's text back with PDF.js (via unpdf, which needs no native canvas), so tests check what a
// patient or GP would actually read, not what we meant to write.
import { extractText, getDocumentProxy } from 'unpdf';

export async function pdfText(pdf: Uint8Array | Buffer): Promise<{ text: string; pages: number }> {
  const document = await getDocumentProxy(new Uint8Array(pdf));
  const { text, totalPages } = await extractText(document, { mergePages: true });
  return { text: text.replace(/\s+/g, ' '), pages: totalPages };
}

/** The size most of the text is set in, in points: large print must be at least 16. */
export async function pdfBodyFontSize(pdf: Uint8Array | Buffer): Promise<number> {
  const document = await getDocumentProxy(new Uint8Array(pdf));
  const sizes = new Map<number, number>();
  for (let p = 1; p <= document.numPages; p++) {
    const content = await (await document.getPage(p)).getTextContent();
    for (const item of content.items) {
      if (!('transform' in item) || !item.str.trim()) continue;
      const fontSize = Math.round(Math.hypot(item.transform[2], item.transform[3]));
      sizes.set(fontSize, (sizes.get(fontSize) ?? 0) + item.str.length);
    }
  }
  // The size most characters are set in is the body text.
  return [...sizes.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0;
}
