/**
 * runEvent loads a document-issuing step's parties and uploads together with the application
 * (findApplicationWithParties, one statement). These tests hold that to what the separate queries
 * it replaced answer: loadParties (issue-documents.ts) and materialsOf (upload-repo.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestContext, type TestContext } from '../testing/context';
import { buildOrg, buildSessionUser, ensureRegion } from '../testing/factories';
import { applicationMaterials, institutionPersons, institutions, persons, regions } from '../db/schema/index';
import { findApplicationWithParties, findApplication } from '../db/designation-repo';
import { materialsOf } from '../db/upload-repo';
import type { Role, SessionUser } from '../domain/identity/roles';
import { createApplication } from './create-application';
import { loadParties } from './issue-documents';
import { partiesOf } from './run-event';
import { whereFor } from './build-context';

let ctx: TestContext;
let agencyOfficer: SessionUser;
let otherAgencyId: string;

const userOf = (org: Parameters<typeof buildOrg>[1], roles: Role[]): Promise<SessionUser> => buildSessionUser(ctx, org, roles);

async function application(n: number, opts: { legal?: boolean; uploads?: string[] }) {
  const now = ctx.clock.now();
  const [inst] = await ctx.db.insert(institutions).values({
    name: `当事人测试医院${n}`, uscc: `PARTY${n}`.padEnd(18, 'X'), kind: 'medical', subtype: 'general_hospital', ownership: 'private',
    regionCode: '530102', address: `测试路${n}号`, openedOn: '2024-01-01', createdAt: now, updatedAt: now,
  } as typeof institutions.$inferInsert).returning({ id: institutions.id });
  if (opts.legal) {
    const [p] = await ctx.db.insert(persons).values({ idNumber: `53010219800101${String(n).padStart(4, '0')}`, name: `法人${n}` }).returning();
    await ctx.db.insert(institutionPersons).values({ institutionId: inst!.id, personId: p!.id, role: 'legal_rep', fromDate: '2024-01-01' });
  }
  const staff = await userOf({ kind: 'institution', regionCode: '530102', institutionId: inst!.id }, ['institution_staff']);
  const row = await createApplication(ctx, staff, { route: 'new', paymentCategories: ['inpatient'], insuranceSchemes: ['employee'] });
  for (const [i, key] of (opts.uploads ?? []).entries()) {
    await ctx.db.insert(applicationMaterials).values({
      applicationId: row.id, itemKey: key, fileName: `${key}.pdf`, mime: 'application/pdf', size: 3, sha256: `${n}-${i}`.padEnd(64, '0'),
      content: Buffer.from('pdf'), uploadedBy: staff.id, at: now,
    } as typeof applicationMaterials.$inferInsert);
  }
  return { row, staff };
}

beforeAll(async () => {
  ctx = await createTestContext('2025-09-25T09:00:00+08:00');
  await ensureRegion(ctx, '530102', '五华区');
  await ctx.db.update(regions).set({ profileId: 'yunnan' }).where(eq(regions.code, '530000'));
  agencyOfficer = await userOf({ kind: 'agency', level: 'county', regionCode: '530102', name: '五华区医疗保障经办中心' }, ['agency_officer', 'agency_head']);
  otherAgencyId = (await buildOrg(ctx, { kind: 'agency', level: 'prefecture', regionCode: '530102', name: '另一经办机构' })).id;
});
afterAll(async () => ctx.close());

describe('findApplicationWithParties = findApplication + loadParties + materialsOf', () => {
  const cases: [string, { legal?: boolean; uploads?: string[] }][] = [
    ['with a legal representative and uploads', { legal: true, uploads: ['practice_licence', 'practice_licence', '医保管理制度'] }],
    ['without persons or uploads', {}],
  ];
  let n = 0;
  for (const [name, opts] of cases) {
    it(name, async () => {
      const { row, staff } = await application(++n, opts);
      for (const [acting, agencyOrgId] of [[agencyOfficer, agencyOfficer.orgId], [staff, null], [agencyOfficer, otherAgencyId], [agencyOfficer, '00000000-0000-0000-0000-00000000abcd']] as const) {
        const found = await findApplicationWithParties(ctx.db, row.id, whereFor(acting), agencyOrgId);
        expect(found).not.toBeNull();
        expect(found!.row).toEqual(await findApplication(ctx.db, row.id, whereFor(acting)));
        expect(partiesOf(found!.facts)).toEqual(await loadParties(ctx, row.institutionId, agencyOrgId ?? row.agencyOrgId));
        expect([...found!.facts.uploadedItemKeys].sort()).toEqual((await materialsOf(ctx.db, row.id)).map((m) => m.itemKey).sort());
      }
    });
  }

  it('answers null outside the scope and for a malformed id, like findApplication', async () => {
    const { row } = await application(++n, {});
    const outsider = await userOf({ kind: 'agency', level: 'county', regionCode: '530103', name: '盘龙区医疗保障经办中心' }, ['agency_officer']);
    expect(await findApplicationWithParties(ctx.db, row.id, whereFor(outsider), outsider.orgId)).toBeNull();
    expect(await findApplicationWithParties(ctx.db, 'not-a-uuid', undefined, null)).toBeNull();
  });
});
