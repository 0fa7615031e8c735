/**
 * Registry import at national scale (issue #9; a benchmark, not a test).
 *
 *   npx tsx bench/import.ts            (BENCH_IMPORT_COUNT rows, default 1 100 000)
 *
 * 1. generates a CSV with the national platform's field names from the national-scale generator's
 *    rows (bench/rows.ts), each designated institution with a legal representative, a licence and
 *    its current agreement;
 * 2. imports it into a throwaway PostgreSQL database (created here, dropped at the end) with the
 *    application's importer (startImport: validation pass, then ONE transaction in which the new
 *    rows are COPYed, decision 0029), sampling the process's RSS to show that memory stays bounded;
 * 3. times PostgreSQL's COPY of the same CSV file into a scratch table in the same run, and prints
 *    the ratio.
 * Env: BENCH_IMPORT_COUNT, BENCH_IMPORT_URL (default postgres://postgres@127.0.0.1:5432/dingdian_import_bench).
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { copyFile, rm, stat } from 'node:fs/promises';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

import { openDatabase } from '../src/db/client';
import { loadConfig } from '../src/config';
import { systemClock } from '../src/domain/clock/clock';
import { mulberry32 } from '../src/domain/random';
import { withIdCheck } from '../src/domain/validators/id-number';
import * as E from '../src/domain/registry/enums';
import { IMPORT_COLUMNS } from '../src/domain/registry/import-columns';
import { csvCell } from '../src/registry-import/export-registry';
import { startImport, waitForImport } from '../src/registry-import/run-import';
import { findJob } from '../src/db/import-repo';
import { buildOrg, buildUser } from '../src/testing/factories';
import { loadSessionUser, createSession } from '../src/db/session-repo';
import { COPY_COLUMNS, rowFactory } from './rows';
import { counties, countySampler, loadRegions } from './regions';

const count = Number(process.env.BENCH_IMPORT_COUNT ?? 1_100_000);
const url = process.env.BENCH_IMPORT_URL ?? 'postgres://postgres@127.0.0.1:5432/dingdian_import_bench';
const log = (msg: string) => process.stderr.write(`[import-bench] ${msg}\n`);

const HEADERS = IMPORT_COLUMNS.map((c) => c.national ?? c.header);
const col = (name: (typeof COPY_COLUMNS)[number]) => COPY_COLUMNS.indexOf(name);
const unarr = (s: string) => (s === '{}' ? [] : s.slice(1, -1).split(',').map((x) => x.replace(/^"|"$/g, '')));
const LEVEL: Record<string, string> = { level3: '三级', level2: '二级', level1: '一级', unrated: '未定级' };
const GRADE: Record<string, string> = { A: '甲等', B: '乙等', C: '丙等', none: '' };

async function admin(sqlText: string): Promise<void> {
  const u = new URL(url);
  u.pathname = '/postgres';
  const c = new pg.Client({ connectionString: u.toString() });
  await c.connect();
  try {
    await c.query(sqlText);
  } finally {
    await c.end();
  }
}

/** The CSV: one line per generated institution, in the import's columns (national names where there are). */
async function writeCsv(file: string): Promise<void> {
  const rand = mulberry32(20240601);
  const makeRow = rowFactory(rand, countySampler(counties(rand)), new Date().toISOString());
  const out = createWriteStream(file);
  out.write(`\uFEFF${HEADERS.map(csvCell).join(',')}\r\n`);
  for (let i = 0; i < count; i++) {
    const f = makeRow(i).replace(/\n$/, '').split('\t');
    const kind = f[col('kind')]! as E.InstitutionKind;
    const subtype = f[col('subtype')]! as E.InstitutionSubtype;
    const status = f[col('status')]! as E.InstitutionStatus;
    const region = f[col('region_code')]!;
    const designated = status === 'designated';
    const yb = f[col('yb_code')] === '\\N' ? '' : f[col('yb_code')]!;
    const level = f[col('hospital_level')]!;
    const v: Record<string, string> = {
      ybCode: yb, name: f[col('name')]!, uscc: f[col('uscc')]!, kind: kind === 'medical' ? '1' : kind === 'pharmacy' ? '2' : E.institutionKindLabel[kind],
      subtype: E.institutionSubtypeLabel[subtype], ownership: E.ownershipLabel[f[col('ownership')] as E.Ownership],
      hospitalLevel: kind === 'medical' ? `${LEVEL[level]}${level === 'unrated' ? '' : GRADE[f[col('grade')]!]}` : '',
      regionCode: region, address: f[col('address')]!, phone: `0871-6${String(i % 10_000_000).padStart(7, '0')}`, status: E.institutionStatusLabel[status], beds: f[col('beds')]!,
      paymentCategories: unarr(f[col('payment_categories')]!).map((c) => E.paymentCategoryLabel[c as E.PaymentCategory]).join('、'),
      insuranceSchemes: unarr(f[col('insurance_schemes')]!).map((c) => E.insuranceSchemeLabel[c as E.InsuranceScheme]).join('、'),
      designatedOn: f[col('designated_on')] === '\\N' ? '' : f[col('designated_on')]!,
      legalRepName: `法人${i}`, legalRepIdNumber: withIdCheck(`${region}1970${String(1 + (i % 12)).padStart(2, '0')}${String(1 + (i % 28)).padStart(2, '0')}${String(i % 1000).padStart(3, '0')}`),
      licenceKind: kind === 'pharmacy' ? '药品经营许可证' : kind === 'medical' ? '医疗机构执业许可证' : '营业执照', licenceNumber: `L${i}`, licenceValidFrom: '2021-01-01',
      licenceValidTo: '2026-12-31',
      ...(designated && kind !== 'third_party' ? { agreementNumber: `医保协〔2025〕${i}号`, agreementFrom: '2025-01-01', agreementTo: '2025-12-31' } : {}),
    };
    if (!out.write(`${IMPORT_COLUMNS.map((c) => csvCell(v[c.key] ?? '')).join(',')}\r\n`)) await once(out, 'drain');
    if ((i + 1) % 100_000 === 0) log(`csv: ${(i + 1).toLocaleString('en')} rows`);
  }
  out.end();
  await once(out, 'finish');
}

async function main(): Promise<void> {
  const file = path.join(tmpdir(), `dingdian-import-bench-${count}.csv`);
  log(`generating ${count.toLocaleString('en')} rows → ${file}`);
  await writeCsv(file);
  const bytes = (await stat(file)).size;
  log(`csv: ${(bytes / 1024 / 1024).toFixed(0)} MB`);

  const dbName = new URL(url).pathname.slice(1);
  if (!/bench/.test(dbName)) throw new Error(`refusing to use ${dbName}: the name must contain "bench"`);
  await admin(`DROP DATABASE IF EXISTS ${dbName}`);
  await admin(`CREATE DATABASE ${dbName} ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8' TEMPLATE template0`);
  const database = await openDatabase({ url });
  try {
    log(`regions: ${await loadRegions(database)}`);
    const ctx = { database, db: database.db, clock: systemClock, config: loadConfig({ NODE_ENV: 'production', SEED_DEMO: '0', HOST: '127.0.0.1', PORT: '0' }) };
    const org = await buildOrg(ctx, { kind: 'agency', level: 'national' }); // national scope: every province
    const u = await buildUser(ctx, org.id, ['agency_head']);
    const { token } = await createSession(ctx.db, u.id, new Date());
    const user = (await loadSessionUser(ctx.db, token, new Date()))!;

    // the importer removes its file when done: give it a copy
    const copy = `${file}.upload`;
    await copyFile(file, copy);
    let peak = 0;
    const base = process.memoryUsage().rss;
    const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 500);
    const t0 = performance.now();
    const job = await startImport(ctx, user, { format: 'csv', mode: 'valid_rows', fileName: path.basename(file), path: copy });
    await waitForImport(job.id);
    const importS = (performance.now() - t0) / 1000;
    clearInterval(sampler);
    const done = (await findJob(ctx.db, job.id))!;
    log(`import: ${done.status} ${done.message ?? ''} created ${done.created}, agreements ${done.agreementsCreated}, rejected ${done.rejected} in ${importS.toFixed(1)} s`);

    // PostgreSQL's COPY of the same file into a scratch table, same run
    await database.query(`CREATE TABLE import_copy_scratch (${HEADERS.map((_, i) => `c${i} text`).join(', ')})`);
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    const t1 = performance.now();
    await pipeline(createReadStream(file), c.query(copyFrom('COPY import_copy_scratch FROM STDIN WITH (FORMAT csv, HEADER true)')));
    const copyS = (performance.now() - t1) / 1000;
    await c.end();

    const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;
    console.log('\n## Registry import (bench/import.ts)\n');
    console.log(`rows: ${count.toLocaleString('en')} (CSV ${mb(bytes)}), PostgreSQL ${(await database.query<{ server_version: string }>('SHOW server_version'))[0]!.server_version}`);
    console.log('| step | seconds | rows/s |');
    console.log('|---|---:|---:|');
    console.log(`| dingdian import (validate + one transaction: COPY of new rows on PostgreSQL, audit rows) | ${importS.toFixed(1)} | ${Math.round(count / importS).toLocaleString('en')} |`);
    console.log(`| PostgreSQL COPY of the same CSV into a scratch text table | ${copyS.toFixed(1)} | ${Math.round(count / copyS).toLocaleString('en')} |`);
    console.log(`\nratio import / COPY: ${(importS / copyS).toFixed(1)}×; created ${done.created.toLocaleString('en')} institutions and ${done.agreementsCreated.toLocaleString('en')} agreements, rejected ${done.rejected.toLocaleString('en')} rows`);
    console.log(`process RSS: ${mb(base)} before, peak ${mb(peak)} during the import`);
  } finally {
    await database.close();
    if (!process.env.BENCH_IMPORT_KEEP) await admin(`DROP DATABASE IF EXISTS ${dbName}`);
    await rm(file, { force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
