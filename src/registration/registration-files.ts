/**
 * The registration's uploads, checked like application materials: PDF/JPEG/PNG recognised by their
 * first bytes, 1 byte – 10 MB, the file name cleaned.
 */
import { createHash } from 'node:crypto';
import { AppError } from '../domain/errors';
import { MAX_UPLOAD_BYTES, cleanFileName, sniffMime } from '../designation/upload-material';
import { registrationFileLabel, type RegistrationFileKind } from '../domain/registration/registration';

export interface IncomingFile {
  kind: RegistrationFileKind;
  fileName: string;
  content: Buffer;
}

export function checkedFile(f: IncomingFile) {
  const label = registrationFileLabel[f.kind];
  const field = `files.${f.kind}`;
  if (f.content.length === 0) throw new AppError('INVALID_INPUT', `${label}：文件为空，请重新选择文件`, { field });
  if (f.content.length > MAX_UPLOAD_BYTES) throw new AppError('INVALID_INPUT', `${label}：文件超过10MB，请压缩后再上传`, { field });
  const mime = sniffMime(f.content);
  if (!mime) throw new AppError('INVALID_INPUT', `${label}：只能上传PDF、JPEG或PNG格式的文件（按文件内容识别）`, { field });
  return {
    kind: f.kind, fileName: cleanFileName(f.fileName), mime, size: f.content.length,
    sha256: createHash('sha256').update(f.content).digest('hex'), content: f.content,
  };
}
