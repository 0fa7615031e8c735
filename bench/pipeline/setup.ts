/**
 * Data for the pipeline benchmark: a fresh UTF-8 database (dropped and created each run),
 * migrated, with the GB/T 2260 regions, the statutory calendar, county agencies of 昆明 (one
 * officer each, agency_officer + agency_head) and `institutions` applicant hospitals, each with
 * its own institution organisation, one institution_staff user and a 法定代表人 (so that
 * screening walks the persons query as it would in production). Sessions are made with
 * createSession directly: argon2 logins are not what this benchmark measures.
 */
import pg from 'pg';
import { and, eq } from 'drizzle-orm';
import { openDatabase, type Database } from '../../src/db/client';
import { institutionPersons, institutions, organizations, persons, regions, users } from '../../src/db/schema/index';
import { createSession, SESSION_COOKIE, CSRF_HEADER } from '../../src/db/session-repo';
import { seedRegions } from '../../src/seed/regions';
import { seedCalendar } from '../../src/seed/calendar-seed';
import type { Clock } from '../../src/domain/clock/clock';

export type Headers = Record<string, string>;

export interface BenchInstitution {
  id: string;
  regionCode: string;
  staff: Headers;
}

export interface BenchData {
  institutions: BenchInstitution[];
  /** officer session headers per county code */
  officers: Map<string, Headers>;
  counties: { code: string; name: string }[];
}

/** Drops and re-creates `name` on the server of `adminUrl` (UTF-8, C.UTF-8 collation, template0). */
export async function recreateDatabase(adminUrl: string, name: string): Promise<string> {
  if (!/^[a-z0-9_]*bench[a-z0-9_]*$/.test(name)) throw new Error(`refusing to drop a database whose name does not contain "bench": ${name}`);
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

const headersOf = (s: { token: string; csrfToken: string }): Headers => ({ cookie: `${SESSION_COOKIE}=${s.token}`, [CSRF_HEADER]: s.csrfToken });

/** 18 characters, unique per n (format only; the registry's check character is validated at the API boundary, not here). */
const uscc = (n: number) => `91530100BP${String(n).padStart(8, '0')}`;
const idNumber = (n: number) => `5301021980${String(n).padStart(8, '0')}`;

async function chunked<T, R>(items: T[], size: number, fn: (chunk: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) out.push(...(await fn(items.slice(i, i + size))));
  return out;
}

export async function seedBenchData(url: string, clock: Clock, nInstitutions: number, nCounties: number): Promise<BenchData> {
  const database: Database = await openDatabase({ url });
  try {
    const db = database.db;
    const ctx = { db, clock };
    await seedRegions(db);
    await seedCalendar(ctx);
    const counties = (await db.select({ code: regions.code, name: regions.name }).from(regions)
      .where(and(eq(regions.parentCode, '530100'), eq(regions.level, 'county'), eq(regions.kind, 'admin'))).orderBy(regions.code)).slice(0, nCounties);
    if (counties.length === 0) throw new Error('no counties under 530100 — region seed missing?');
    const now = clock.now();

    const officers = new Map<string, Headers>();
    for (const c of counties) {
      const [org] = await db.insert(organizations).values({ kind: 'agency', level: 'county', regionCode: c.code, name: `${c.name}医疗保障经办中心` }).returning();
      const [u] = await db.insert(users).values({
        username: `bench_officer_${c.code}`, displayName: `${c.name}经办人`, passwordHash: 'bench-no-login', orgId: org!.id, roles: ['agency_officer', 'agency_head'],
      }).returning();
      officers.set(c.code, headersOf(await createSession(db, u!.id, now)));
    }

    const specs = Array.from({ length: nInstitutions }, (_, i) => ({ i, county: counties[i % counties.length]! }));
    const insts = await chunked(specs, 500, (chunk) => db.insert(institutions).values(chunk.map(({ i, county }) => ({
      name: `${county.name}压测医院${i + 1}号`, uscc: uscc(i + 1), kind: 'medical', subtype: 'general_hospital', ownership: 'private',
      regionCode: county.code, address: `昆明市${county.name}测试路${i + 1}号`, openedOn: '2020-01-01', beds: 50, createdAt: now, updatedAt: now,
    }) as typeof institutions.$inferInsert)).returning({ id: institutions.id, regionCode: institutions.regionCode }));
    const orgs = await chunked(insts, 500, (chunk) => db.insert(organizations).values(chunk.map((x, j) => ({
      kind: 'institution' as const, level: 'county' as const, regionCode: x.regionCode, institutionId: x.id, name: `压测机构${j}`,
    }))).returning({ id: organizations.id, institutionId: organizations.institutionId }));
    const orgByInst = new Map(orgs.map((o) => [o.institutionId!, o.id]));
    const staff = await chunked(insts.map((x, i) => ({ x, i })), 500, (chunk) => db.insert(users).values(chunk.map(({ x, i }) => ({
      username: `bench_inst_${i + 1}`, displayName: `经办人${i + 1}`, passwordHash: 'bench-no-login', orgId: orgByInst.get(x.id)!, roles: ['institution_staff'],
    }))).returning({ id: users.id }));
    const people = await chunked(insts.map((_, i) => i), 500, (chunk) => db.insert(persons).values(chunk.map((i) => ({
      idNumber: idNumber(i + 1), name: `法人${i + 1}`,
    }))).returning({ id: persons.id }));
    await chunked(insts.map((x, i) => ({ x, i })), 500, async (chunk) => {
      await db.insert(institutionPersons).values(chunk.map(({ x, i }) => ({ institutionId: x.id, personId: people[i]!.id, role: 'legal_rep' as const, fromDate: '2020-01-01' })));
      return [];
    });

    // sessions: createSession per user, 8 at a time
    const sessionsOut: Headers[] = new Array(insts.length);
    let next = 0;
    await Promise.all(Array.from({ length: 8 }, async () => {
      for (let i = next++; i < insts.length; i = next++) sessionsOut[i] = headersOf(await createSession(db, staff[i]!.id, now));
    }));
    await database.query('VACUUM (ANALYZE)');
    return {
      institutions: insts.map((x, i) => ({ id: x.id, regionCode: x.regionCode, staff: sessionsOut[i]! })),
      officers,
      counties,
    };
  } finally {
    await database.close();
  }
}

/** The required materials of a bench hospital (国家医疗保障局令第2号 第七条, less 「其他材料」): 受理 waits for them (decision 0016). */
export const BENCH_MATERIALS = ['application_form', 'licence_copy', 'internal_rules', 'information_system', 'fund_forecast'];

/** A multipart body uploading one small PDF for an item (distinct bytes per application and item). */
export function materialUpload(itemKey: string, salt: string): { raw: Buffer; type: string } {
  const boundary = `----bench${salt.replace(/[^0-9a-z]/gi, '').slice(0, 16)}${itemKey.length}`;
  const pdf = Buffer.from(`%PDF-1.4\n% ${itemKey} ${salt}\n%%EOF\n`);
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="itemKey"\r\n\r\n${itemKey}\r\n` +
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${itemKey}.pdf"\r\nContent-Type: application/pdf\r\n\r\n`;
  return { raw: Buffer.concat([Buffer.from(head), pdf, Buffer.from(`\r\n--${boundary}--\r\n`)]), type: `multipart/form-data; boundary=${boundary}` };
}
