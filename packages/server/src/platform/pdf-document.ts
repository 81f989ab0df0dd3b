// Letters and printed sheets as PDF, from a small block model (headings, paragraphs, lists, key-value
// rows). pdfkit (pure JavaScript, maintained since 2011, tagged-PDF support) lays the text out; we
// only decide sizes. Large print follows the RNIB clear print guidance: at least 16 point (we use 18),
// a plain sans-serif face, left-aligned, generous spacing. Documents are tagged (PDF/UA structure) in
// British English so screen readers read them in order.
// pdfkit is loaded on the first document, not at start-up: with its fonts and font parser it is about
// 25 MB of a server's memory, for the few routes that print (issue 12).
const loadPdfkit = () => import('pdfkit');
let pdfkit: ReturnType<typeof loadPdfkit> | null = null;

export type PrintSize = 'standard' | 'large';

export type PdfBlock =
  | { kind: 'heading'; text: string; level?: 1 | 2 }
  | { kind: 'paragraph'; text: string; bold?: boolean }
  | { kind: 'list'; items: readonly string[] }
  | { kind: 'rows'; rows: readonly { key: string; value: string }[] }
  | { kind: 'address'; lines: readonly string[] }
  | { kind: 'space' };

export type PdfDocumentOptions = {
  title: string;
  printSize: PrintSize;
  /** Printed small at the top of every page, e.g. "NHS number 943 476 5919". */
  header?: string;
  author?: string;
  blocks: PdfBlock[];
};

const sizes = {
  standard: { body: 12, h1: 18, h2: 14, header: 9, gap: 8 },
  large: { body: 18, h1: 24, h2: 20, header: 14, gap: 12 },
} as const;

/** The document's text, in reading order, as it is laid out: stored with the letter and searchable. */
export function pdfDocumentText(o: PdfDocumentOptions): string {
  const lines: string[] = [o.title];
  for (const b of o.blocks) {
    if (b.kind === 'heading' || b.kind === 'paragraph') lines.push(b.text);
    else if (b.kind === 'list') lines.push(...b.items.map((i) => `• ${i}`));
    else if (b.kind === 'rows') lines.push(...b.rows.map((r) => `${r.key}: ${r.value}`));
    else if (b.kind === 'address') lines.push(...b.lines);
  }
  return lines.join('\n');
}

export async function renderPdfDocument(o: PdfDocumentOptions): Promise<Buffer> {
  const size = sizes[o.printSize];
  const { default: PDFDocument } = await (pdfkit ??= loadPdfkit());
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    tagged: true,
    pdfVersion: '1.7',
    lang: 'en-GB',
    displayTitle: true,
    bufferPages: true,
    info: { Title: o.title, Author: o.author ?? 'Homeward', Creator: 'Homeward' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - 112;
  const gap = () => doc.moveDown(size.gap / size.body);

  doc.font('Helvetica-Bold').fontSize(size.h1).text(o.title, { width });
  gap();
  for (const b of o.blocks) {
    switch (b.kind) {
      case 'heading':
        doc.font('Helvetica-Bold').fontSize(b.level === 1 ? size.h1 : size.h2).text(b.text, { width });
        doc.moveDown(0.3);
        break;
      case 'paragraph':
        doc.font(b.bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(size.body).text(b.text, { width, lineGap: size.body * 0.3 });
        gap();
        break;
      case 'list':
        doc.font('Helvetica').fontSize(size.body).list([...b.items], { width: width - 20, lineGap: size.body * 0.3, bulletRadius: size.body / 5, textIndent: size.body });
        gap();
        break;
      case 'rows':
        for (const r of b.rows) {
          doc.font('Helvetica-Bold').fontSize(size.body).text(`${r.key}: `, { width, continued: true, lineGap: size.body * 0.3 });
          doc.font('Helvetica').text(r.value);
        }
        gap();
        break;
      case 'address':
        doc.font('Helvetica').fontSize(size.body);
        for (const line of b.lines) doc.text(line, { width });
        gap();
        break;
      case 'space':
        gap();
        break;
    }
  }
  // Every page says whose document it is and which page it is: a loose page must not be misfiled.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing inside the bottom margin would otherwise make pdfkit start a new page.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const footer = `${o.header ? `${o.header} · ` : ''}Page ${i + 1} of ${range.count}`;
    doc.font('Helvetica').fontSize(size.header).text(footer, 56, doc.page.height - 40 - size.header, { width, lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return finished;
}
