/** `npm run api:types`: writes web/src/api/schema.gen.ts from the server's OpenAPI document. */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { API_TYPES_PATH, generateApiTypes } from './api-types';

const target = fileURLToPath(new URL(`../${API_TYPES_PATH}`, import.meta.url));
const next = await generateApiTypes();
const before = await readFile(target, 'utf8').catch(() => null);
if (before === next) {
  console.log(`${API_TYPES_PATH}: unchanged`);
} else {
  await writeFile(target, next);
  console.log(`${API_TYPES_PATH}: written (${next.split('\n').length} lines)`);
}
