/**
 * The one check of an uploaded evidence file (decision 0042), shared by the application materials,
 * a change request's evidence and a dispute's evidence: PDF/JPEG/PNG recognised by the first bytes
 * (not by the name or the client's Content-Type), 1 byte – 10 MB, a safe file name, its sha256 (one
 * copy per case). Each caller keeps its own who-may-upload-when rule and its own table.
 */
import { createHash } from 'node:crypto';
import { AppError } from '../domain/errors';

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/** The file type by its magic bytes; null when it is none of the accepted ones. */
export function sniffMime(buf: Buffer): 'application/pdf' | 'image/jpeg' | 'image/png' | null {
  if (buf.length >= 5 && buf.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'image/jpeg';
  if (buf.length >= 8 && buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  return null;
}

/** A file name safe to keep: no path, no control characters, at most 200 characters. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = [...base.replace(/[\u0000-\u001f\u007f]/g, '').trim()].slice(0, 200).join('');
  return clean || '未命名文件';
}

export interface CheckedFile {
  fileName: string;
  mime: 'application/pdf' | 'image/jpeg' | 'image/png';
  size: number;
  sha256: string;
}

/** Size, type by content, name and hash — or a 400 naming the field `file`. */
export function checkEvidenceFile(fileName: string, content: Buffer): CheckedFile {
  if (content.length === 0) throw new AppError('INVALID_INPUT', '文件为空，请重新选择文件', { field: 'file' });
  if (content.length > MAX_UPLOAD_BYTES) throw new AppError('INVALID_INPUT', '文件超过10MB，请压缩后再上传', { field: 'file' });
  const mime = sniffMime(content);
  if (!mime) throw new AppError('INVALID_INPUT', '只能上传PDF、JPEG或PNG格式的文件（按文件内容识别）', { field: 'file' });
  return { fileName: cleanFileName(fileName), mime, size: content.length, sha256: createHash('sha256').update(content).digest('hex') };
}
