/**
 * 申请编号 (decision 0019): none in draft; taken at submission from the receiving agency's counter
 * in the submit step's statement; concurrent submissions never collide and leave no gap; printed
 * on every notice of the application. On PGlite here, on PostgreSQL in CI's second pass.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestContext, type TestContext } from '../testing/context';
import { buildOrg, buildSessionUser, ensureRegion } from '../testing/factories';
import { institutionPersons, institutions, persons, regions } from '../db/schema/index';
import type { Role, SessionUser } from '../domain/identity/roles';
import { createApplication } from './create-application';
import { runEvent } from './run-event';
import { findApplication } from '../db/designation-repo';
import { documentsOf } from '../db/document-repo';
import type { DocumentModel } from '../documents/model';
import { renderDocx } from '../documents/render-docx';

let ctx: TestContext;
let n = 0;

const userOf = (org: Parameters<typeof buildOrg>[1], roles: Role[]): Promise<SessionUser> => buildSessionUser(ctx, org, roles);
async function draft(opts: { dishonest?: boolean } = {}) {
  const now = ctx.clock.now();
  const [row] = await ctx.db.insert(institutions).values({
    name: `编号测试医院${++n}`, uscc: `NUMB${String(n).padStart(14, '0')}`, kind: 'medical', subtype: 'general_hospital', ownership: 'private',
    regionCode: '530102', address: '测试路', openedOn: '2024-01-01', createdAt: now, updatedAt: now,
  } as typeof institutions.$inferInsert).returning({ id: institutions.id });
  if (opts.dishonest) {
    const [p] = await ctx.db.insert(persons).values({ idNumber: `53010219800101${String(n).padStart(4, '0')}`, name: '失信乙', dishonest: true }).returning();
    await ctx.db.insert(institutionPersons).values({ institutionId: row!.id, personId: p!.id, role: 'legal_rep', fromDate: '2024-01-01' });
  }
  const staff = await userOf({ kind: 'institution', regionCode: '530102', institutionId: row!.id }, ['institution_staff']);
  const app = await createApplication(ctx, staff, { route: 'new', paymentCategories: ['inpatient'], insuranceSchemes: ['employee'] });
  return { app, staff };
}

let officer: SessionUser;
beforeAll(async () => {
  ctx = await createTestContext('2025-09-25T09:00:00+08:00');
  await ensureRegion(ctx, '530102', '五华区');
  await ctx.db.update(regions).set({ profileId: 'yunnan' }).where(eq(regions.code, '530000'));
  officer = await userOf({ kind: 'agency', level: 'county', regionCode: '530102', name: '五华区医疗保障经办中心' }, ['agency_officer', 'agency_head']);
});
afterAll(async () => ctx.close());

describe('申请编号 (decision 0019)', () => {
  it('a draft has none; the submission takes 五华医保定申〔2025〕N号 from the agency counter', async () => {
    const { app, staff } = await draft();
    expect(app.applicationNo).toBeNull();
    const r = await runEvent(ctx, staff, app.id, { type: 'submit' }, app.version);
    expect(r.application.applicationNo).toMatch(/^五华医保定申〔2025〕[1-9]\d*号$/);
    // the screening after submit and later steps keep it
    expect((await findApplication(ctx.db, app.id))!.applicationNo).toBe(r.application.applicationNo);
  });

  it('concurrent submissions to one agency never collide and leave no gap', async () => {
    const drafts = await Promise.all(Array.from({ length: 8 }, () => draft()));
    const results = await Promise.all(drafts.map(({ app, staff }) => runEvent(ctx, staff, app.id, { type: 'submit' }, app.version)));
    const serials = results.map((r) => Number(/〔2025〕(\d+)号$/.exec(r.application.applicationNo ?? '')?.[1]));
    expect(new Set(serials).size).toBe(8);
    const sorted = [...serials].sort((a, b) => a - b);
    expect(sorted[7]! - sorted[0]!).toBe(7);
  });

  it('a stale second submit of the same application takes no number (no gap)', async () => {
    const { app, staff } = await draft();
    const [a, b] = await Promise.allSettled([
      runEvent(ctx, staff, app.id, { type: 'submit' }, app.version, { screen: false }),
      runEvent(ctx, staff, app.id, { type: 'submit' }, app.version, { screen: false }),
    ]);
    const won = [a, b].filter((x) => x.status === 'fulfilled');
    expect(won).toHaveLength(1);
    const mine = (won[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof runEvent>>>).value.application.applicationNo!;
    const next = await draft();
    const r = await runEvent(ctx, next.staff, next.app.id, { type: 'submit' }, next.app.version, { screen: false });
    const serialOf = (s: string) => Number(/〕(\d+)号$/.exec(s)?.[1]);
    expect(serialOf(r.application.applicationNo!)).toBe(serialOf(mine) + 1);
  });

  it('京医保发〔2021〕30号 第十二条: the 不予受理决定书 prints the 申请编号 under its 文号', async () => {
    const { app, staff } = await draft({ dishonest: true });
    const s = await runEvent(ctx, staff, app.id, { type: 'submit' }, app.version);
    expect(s.application.state).toBe('screening_refused');
    await runEvent(ctx, officer, app.id, { type: 'confirm_refusal' }, s.application.version, { documentInput: { note: '经核实属实' } });
    const [doc] = await documentsOf(ctx.db, app.id);
    const model = doc!.model as DocumentModel;
    expect(model.applicationNo).toBe(s.application.applicationNo);
    const docx = await renderDocx(model);
    expect(docx.length).toBeGreaterThan(0);
  });
});
