/**
 * Backup → restore round trip (issue #9 "Operations", decision 0030): the demo deployment in a PGlite
 * folder, a signed audit checkpoint, `writeBackup`; `runRestore` (the CLI's work) into a fresh folder
 * with the keys copied; the audit chain and the checkpoints verify; the app starts on the restored
 * folder, answers its health check and lets a demo user sign in (a new audit row: the identity
 * sequences continue after the restored values). A second restore into the same folder, and a
 * truncated file, are refused.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from './client';
import { readBackupHeader, writeBackup } from './backup';
import { loadConfig, type Config } from '../config';
import { FixedClock } from '../domain/clock/clock';
import { seedDemoIfEmpty } from '../seed/demo';
import { seedRegions } from '../seed/regions';
import { takeCheckpoint } from '../audit/checkpoints';
import { loadAnchor } from '../audit/anchor';
import { runRestore } from '../cli/restore';
import { DEMO_PASSWORD } from '../seed/demo-users';
import { buildApp } from '../server/app';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'dd-backup-test-'));
const dirA = path.join(root, 'a');
const dirB = path.join(root, 'b');
const file = path.join(root, 'backup.jsonl.gz');
const key = randomBytes(32).toString('hex');
const configFor = (dir: string): Config => loadConfig({ NODE_ENV: 'test', SEED_DEMO: '0', DATA_DIR: dir, AUDIT_ANCHOR_KEY: key });
const countsOf = async (db: Database, tables: string[]) =>
  Object.fromEntries(await Promise.all(tables.map(async (t) => [t, Number((await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${t}"`))[0]!.n)] as const)));

let tables: string[];
let before: Record<string, number>;
let uploadDigest: string;
let out: string[] = [];

beforeAll(async () => {
  const config = configFor(dirA);
  const database = await openDatabase({ dataDir: dirA });
  const ctx = { database, db: database.db, clock: new FixedClock('2025-09-25T09:00:00+08:00'), config };
  await seedRegions(database.db);
  await seedDemoIfEmpty(ctx);
  await database.query(`INSERT INTO login_failures (username, ip, at) VALUES ('x', '127.0.0.1', now())`);
  expect(await takeCheckpoint(database.db, loadAnchor(config), ctx.clock.now())).not.toBeNull();
  await writeBackup(database, file, ctx.clock.now());
  tables = (await readBackupHeader(file)).tables;
  before = await countsOf(database, tables);
  uploadDigest = (await database.query<{ d: string }>(`SELECT md5(string_agg(md5(content), '' ORDER BY id)) AS d FROM application_materials`))[0]!.d;
  await database.close();
  out = [];
  expect(await runRestore(configFor(dirB), file, dirA, (l) => out.push(l))).toBe(0);
}, 120_000);
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('npm run backup / npm run restore (decision 0030)', () => {
  it('the backup is one gzip file with a header: format, migration level, tables in foreign-key order; sessions left out', async () => {
    const h = await readBackupHeader(file);
    expect(h).toMatchObject({ format: 'dingdian-backup', version: 1, driver: 'pglite' });
    expect(h.migrations.count).toBeGreaterThan(5);
    expect(tables).not.toContain('sessions');
    expect(tables).not.toContain('login_failures');
    expect(tables.indexOf('regions')).toBeLessThan(tables.indexOf('institutions'));
    expect(tables.indexOf('institutions')).toBeLessThan(tables.indexOf('applications'));
  });

  it('restores into a fresh folder: every table with the same rows, the uploads byte for byte; the audit chain and checkpoints verify', async () => {
    expect(out.join('\n')).toMatch(/恢复完成/);
    expect(out.join('\n')).toMatch(/审计链完整/);
    expect(out.join('\n')).toMatch(/签名检查点完整：1 个/);
    const database = await openDatabase({ dataDir: dirB, migrate: false });
    try {
      expect(await countsOf(database, tables)).toEqual(before);
      expect(before.applications).toBeGreaterThan(0);
      expect((await database.query<{ d: string }>(`SELECT md5(string_agg(md5(content), '' ORDER BY id)) AS d FROM application_materials`))[0]!.d).toBe(uploadDigest);
    } finally {
      await database.close();
    }
  });

  it('the app starts on the restored folder: health check, a demo user signs in (new audit rows continue the sequence)', async () => {
    const database = await openDatabase({ dataDir: dirB });
    const app = await buildApp({ database, db: database.db, clock: new FixedClock('2025-09-26T09:00:00+08:00'), config: configFor(dirB) });
    try {
      const health = await app.inject({ url: '/api/health' });
      expect(health.json()).toMatchObject({ ok: true, driver: 'pglite' });
      const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'wuhua', password: DEMO_PASSWORD } });
      expect(login.statusCode).toBe(200);
    } finally {
      await app.close();
      await database.close();
    }
  });

  it('refuses to restore into a database that is not empty', async () => {
    const lines: string[] = [];
    await expect(runRestore(configFor(dirB), file, undefined, (l) => lines.push(l))).rejects.toThrow(/不是空的/);
  });

  it('refuses a truncated backup and restores nothing', async () => {
    const all = zlib.gunzipSync(fs.readFileSync(file)).toString('utf8').split('\n');
    const cut = path.join(root, 'cut.jsonl.gz');
    fs.writeFileSync(cut, zlib.gzipSync(all.slice(0, Math.floor(all.length / 2)).join('\n')));
    const dirC = path.join(root, 'c');
    await expect(runRestore(configFor(dirC), cut, undefined, () => undefined)).rejects.toThrow(/不完整/);
    const database = await openDatabase({ dataDir: dirC, migrate: false });
    try {
      expect((await database.query<{ n: number }>('SELECT count(*)::int AS n FROM institutions'))[0]!.n).toBe(0);
    } finally {
      await database.close();
    }
  });
});
