import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { API_TYPES_PATH, generateApiTypes } from '../../scripts/api-types';

/** Decision 0013: the web app's API types are generated from the OpenAPI document, never edited. */
describe('generated web API types', () => {
  let fresh: string;
  beforeAll(async () => {
    fresh = await generateApiTypes();
  });

  it(`${API_TYPES_PATH} matches the routes' schemas`, async () => {
    const committed = await readFile(fileURLToPath(new URL(`../../${API_TYPES_PATH}`, import.meta.url)), 'utf8').catch(() => '');
    if (committed !== fresh) {
      const a = committed.split('\n');
      const b = fresh.split('\n');
      const line = b.findIndex((l, i) => l !== a[i]);
      expect.fail(
        `${API_TYPES_PATH} is out of date with the server's OpenAPI document (first difference at line ${line + 1}: ` +
          `${JSON.stringify(a[line] ?? '')} → ${JSON.stringify(b[line] ?? '')}). Run npm run api:types and commit the result.`,
      );
    }
  });

  it('is the same text on every run', async () => {
    expect(await generateApiTypes()).toBe(fresh);
  });
});
