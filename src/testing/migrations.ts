import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MIGRATIONS } from '../db/client';

/** The project's one migration folder (the same the server applies at start). */
export const MIGRATIONS_ROOT = MIGRATIONS;

/**
 * A copy of the migration folder that stops before `tag`, so that a migration test can build the
 * schema as it was, write rows the old way, and then run the rest of the migrations over them.
 */
export function migrationsBefore(tag: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dd-mig-'));
  fs.cpSync(MIGRATIONS, dir, { recursive: true });
  const journalPath = path.join(dir, 'meta/_journal.json');
  const journal = JSON.parse(fs.readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
  const idx = journal.entries.findIndex((e) => e.tag === tag);
  if (idx < 0) throw new Error(`no migration tagged ${tag}`);
  journal.entries = journal.entries.slice(0, idx);
  fs.writeFileSync(journalPath, JSON.stringify(journal));
  return dir;
}
