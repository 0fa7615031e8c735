/**
 * An upload whose body is the file itself (the registry import, the indicator import): streamed to a
 * temporary file, never held in memory, refused past a size; and a look at its first bytes (an .xlsx
 * is a zip: PK\x03\x04) so that a file that is not what its name says is refused by its content.
 */
import { createWriteStream } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { AppError } from '../domain/errors';

export interface Uploaded { path: string; size: number }

/** Streams the request body to a temporary file, refusing more than `maxBytes`. */
export async function saveBody(payload: NodeJS.ReadableStream, maxBytes: number, prefix: string): Promise<Uploaded> {
  const file = path.join(tmpdir(), `${prefix}-${randomUUID()}`);
  let size = 0;
  const count = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      size += chunk.length;
      if (size > maxBytes) cb(new AppError('INVALID_INPUT', `文件超过${maxBytes / 1024 / 1024}MB，请拆分后分批导入`, { field: 'file' }));
      else cb(null, chunk);
    },
  });
  try {
    await pipeline(payload, count, createWriteStream(file));
  } catch (e) {
    await rm(file, { force: true });
    if (e instanceof AppError) throw e;
    throw new AppError('INVALID_INPUT', '文件上传不完整，请重新上传', { field: 'file' });
  }
  return { path: file, size };
}

export async function firstBytes(file: string, n: number): Promise<Buffer> {
  const h = await open(file, 'r');
  try {
    const buf = Buffer.alloc(n);
    const { bytesRead } = await h.read(buf, 0, n, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await h.close();
  }
}

export const isZip = (head: Buffer): boolean => head.equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
