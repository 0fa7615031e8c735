/**
 * The layer rules of eslint.config.js fire: each layer imports only downward
 * (src/server → use cases → src/db → src/domain). Linted through ESLint's API with the project's
 * own config over fixture strings at the paths where they would stand.
 */
import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';

const eslint = new ESLint({ cwd: process.cwd() });
const restricted = async (filePath: string, code: string) => {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
};

describe('layers: every layer imports only downward', () => {
  it('src/domain imports nothing outside src/domain, at any depth', async () => {
    expect(await restricted('src/domain/agreement/x.ts', "import { a } from '../../db/outbox-repo';\nexport const b = a;\n")).toHaveLength(1);
    expect(await restricted('src/domain/x.ts', "import { a } from '../designation/run-event';\nexport const b = a;\n")).toHaveLength(1);
    expect(await restricted('src/domain/a/b/x.ts', "import type { A } from '../../../server/app';\nexport type B = A;\n")).toHaveLength(1);
    expect(await restricted('src/domain/agreement/x.ts', "import { sql } from 'drizzle-orm';\nexport const b = sql;\n")).toHaveLength(1);
    expect(await restricted('src/domain/agreement/x.ts', "import { a } from '../errors';\nimport { c } from '../workflow/case-type';\nexport const b = [a, c];\n")).toEqual([]);
  });

  it('src/db imports only src/db, src/domain and the documents\' model', async () => {
    expect(await restricted('src/db/x-repo.ts', "import { a } from '../designation/run-event';\nexport const b = a;\n")).toHaveLength(1);
    expect(await restricted('src/db/schema/x.ts', "import { a } from '../../server/errors';\nexport const b = a;\n")).toHaveLength(1);
    expect(await restricted('src/db/x-repo.ts', "import { a } from '../domain/errors';\nimport type { M } from '../documents/model';\nimport { c } from './client';\nexport const b: [M?, unknown?, unknown?] = [undefined, a, c];\n")).toEqual([]);
  });

  it('a use case never imports src/server; the server may import the use case', async () => {
    expect(await restricted('src/designation/x.ts', "import { a } from '../server/errors';\nexport const b = a;\n")).toHaveLength(1);
    expect(await restricted('src/identity/sso/x.ts', "import type { A } from '../../server/app';\nexport type B = A;\n")).toHaveLength(1);
    expect(await restricted('src/context.ts', "import type { A } from './server/app';\nexport type B = A;\n")).toHaveLength(1);
    expect(await restricted('src/designation/x.ts', "import { a } from '../db/client';\nimport { c } from '../domain/errors';\nexport const b = [a, c];\n")).toEqual([]);
    expect(await restricted('src/server/routes/x.ts', "import { a } from '../../designation/run-event';\nexport const b = a;\n")).toEqual([]);
  });
});
