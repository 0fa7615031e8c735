/** Digests of a text's UTF-8 bytes, lower-case hex. */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
// sm-crypto is CommonJS and its sm3 export is not visible to ESM named imports.
const { sm3 } = require('sm-crypto') as typeof import('sm-crypto');

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** SM3 (GB/T 32905-2016) of the UTF-8 bytes. */
export function sm3Hex(text: string): string {
  return sm3(text);
}
