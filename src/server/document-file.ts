/**
 * A stored notice answered as a file: `:file` is `<docId>.pdf` or `<docId>.docx`, and the document's
 * model is rendered in that format under 「标题-文号.格式」. One piece for every route that serves a
 * case's notices (the application's, the agreement's, a settlement restriction's).
 */
import type { FastifyReply } from 'fastify';
import type { DocumentModel } from '../documents/model';
import { renderDocx } from '../documents/render-docx';
import { renderPdf } from '../documents/render-pdf';
import { contentDisposition } from '../designation/upload-material';

const TYPES = { pdf: 'application/pdf', docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' } as const;
export type DocumentFormat = keyof typeof TYPES;

/** `<docId>.pdf|docx` → its parts, or null for any other name. */
export function documentFileOf(file: string): { id: string; format: DocumentFormat } | null {
  const m = /^(.+)\.(pdf|docx)$/.exec(file);
  return m ? { id: m[1]!, format: m[2] as DocumentFormat } : null;
}

export async function sendDocument(reply: FastifyReply, doc: { title: string; number: string; model: unknown }, format: DocumentFormat) {
  const model = doc.model as DocumentModel;
  const body = format === 'pdf' ? await renderPdf(model) : await renderDocx(model);
  const name = `${doc.title}-${doc.number}.${format}`.replace(/[\\/:*?"<>|\s]+/g, '_');
  return reply.header('Content-Type', TYPES[format]).header('Content-Disposition', contentDisposition(name)).send(body);
}
