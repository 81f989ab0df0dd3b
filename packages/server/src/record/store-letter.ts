// Every letter or printed sheet Homeward produces is rendered and stored the same way: the PDF exactly
// as it was sent, its text (for reading back and search) and its SHA-256, in the append-only `letters`.
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { HomewardRole } from '@homeward/clinical';
import type { Database, LettersTable } from '../db/schema.ts';
import { pdfDocumentText, renderPdfDocument, type PdfDocumentOptions } from '../platform/pdf-document.ts';

export type StoreLetterOptions = {
  id: string;
  episode: { id: string; patientId: string };
  kind: LettersTable['kind'];
  recipient: string;
  document: PdfDocumentOptions;
  /** The discharge summary (and its version) the letter was produced from, when there is one. */
  source: { id: string; version: number } | null;
  alternativeFormats: readonly unknown[];
  producedAt: Date;
  producedBy: { id: string; role: HomewardRole };
};

export type StoredLetter = { id: string; pdf: Buffer; sha256: string };

export async function storeLetter(trx: Kysely<Database>, o: StoreLetterOptions): Promise<StoredLetter> {
  const pdf = await renderPdfDocument(o.document);
  const sha256 = createHash('sha256').update(pdf).digest('hex');
  await trx
    .insertInto('letters')
    .values({
      id: o.id,
      episode_id: o.episode.id,
      patient_id: o.episode.patientId,
      kind: o.kind,
      recipient: o.recipient,
      print_size: o.document.printSize,
      source_id: o.source?.id ?? null,
      source_version: o.source?.version ?? null,
      text_content: pdfDocumentText(o.document),
      pdf: new Uint8Array(pdf),
      sha256,
      alternative_formats: JSON.stringify(o.alternativeFormats),
      produced_at: o.producedAt,
      produced_by: o.producedBy.id,
      produced_by_role: o.producedBy.role,
    })
    .execute();
  return { id: o.id, pdf, sha256 };
}
