/**
 * The one reading of an uploaded file from a multipart request (decision 0042), shared by the
 * application materials, a change request's and a dispute's evidence: the plugin with one file a
 * little over the limit (so that "too large" is ours to answer: 400, Chinese), a malformed body
 * (truncated, no or a wrong boundary, a broken part header) answered 400 — the sender's fault, never
 * 500 — and the file name checked like every request string (decision 0021).
 */
import multipart, { type MultipartFile } from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../domain/errors';
import { findUnsafeText } from '../domain/validators/text';
import { MAX_UPLOAD_BYTES } from '../uploads/evidence-file';
import { unsafeTextError } from './input-guard';

/** Registers @fastify/multipart in a route plugin: one file per request. */
export async function registerOneFileUploads(app: FastifyInstance): Promise<void> {
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES + 1, files: 1, fields: 5, fieldSize: 1000 }, throwFileSizeLimit: false });
}

/** The one file of a multipart request, with its content; `fields` are other form parts checked with the name. */
export async function readOneFile(req: FastifyRequest, fields: (file: MultipartFile) => Record<string, string> = () => ({})): Promise<{ file: MultipartFile; content: Buffer }> {
  if (!req.isMultipart()) throw new AppError('INVALID_INPUT', '请以 multipart/form-data 上传文件', { field: 'file' });
  const malformed = () => new AppError('INVALID_INPUT', '上传内容格式有误：multipart 报文不完整或分隔符（boundary）不符，请重新选择文件上传', { field: 'file' });
  let file: MultipartFile | undefined;
  let content: Buffer;
  try {
    file = await req.file();
    if (!file) throw new AppError('INVALID_INPUT', '未选择文件', { field: 'file' });
    content = await file.toBuffer();
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw malformed();
  }
  if (file.file.truncated) throw new AppError('INVALID_INPUT', '文件超过10MB，请压缩后再上传', { field: 'file' });
  const unsafe = findUnsafeText({ ...fields(file), fileName: file.filename }, 'multipart');
  if (unsafe) throw unsafeTextError(unsafe);
  return { file, content };
}
