import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { openDialog, useStack } from './harness';
import { agreements, institutions, regions } from '../../src/db/schema/index';
import { DEMO_PASSWORD } from '../../src/seed/demo-users';
import { buildOrg, buildUser, ensureRegion } from '../../src/testing/factories';
import { seedInstitution } from '../../src/agreements/test-support';
import { INITIAL_LIFE } from '../../src/agreement-lifecycle/binding';

/**
 * 续签申请 in the browser (京医保发〔2021〕30号 第四十一条, decision 0048): a 朝阳区 clinic under the Beijing
 * profile opens its agreement, reads the due day (期满前3个月) with the article, applies; the district
 * officer finds the application on 续签管理 and takes it in; the clinic sees 已受理. (The demo is Yunnan's,
 * where the agency organises the renewal: the setup adds Beijing's district, its officer and the clinic.)
 */
let agreementId = '';
const stack = useStack(async (s) => {
  await ensureRegion(s.ctx, '110000', '北京市');
  await s.ctx.db.update(regions).set({ profileId: 'beijing' }).where(eq(regions.code, '110000'));
  await ensureRegion(s.ctx, '110105', '朝阳区');
  const agency = await buildOrg(s.ctx, { kind: 'agency', level: 'county', regionCode: '110105', name: '朝阳区医疗保障事务中心' });
  await buildUser(s.ctx, agency.id, ['agency_officer'], { username: 'chaoyang_e2e', password: DEMO_PASSWORD });
  const inst = await seedInstitution(s.ctx, '110105', '朝阳康宁诊所');
  await s.ctx.db.update(institutions).set({ status: 'designated' }).where(eq(institutions.id, inst.id));
  const now = s.ctx.clock.now();
  const termTo = `${now.getUTCFullYear() + 1}-06-30`;
  const [ag] = await s.ctx.db.insert(agreements).values({
    institutionId: inst.id, regionCode: '110105', agencyOrgId: agency.id, number: '朝医保协〔2025〕88号', termFrom: `${now.getUTCFullYear() - 1}-07-01`, termTo,
    special: {}, model: {}, canonicalText: 'x', textSm3: 'x', status: 'signed', lifeState: 'in_force', life: INITIAL_LIFE, lifeSince: `${now.getUTCFullYear() - 1}-07-01`, createdAt: now, updatedAt: now,
  }).returning();
  agreementId = ag!.id;
  const org = await buildOrg(s.ctx, { kind: 'institution', institutionId: inst.id, regionCode: '110105', name: '朝阳康宁诊所' });
  await buildUser(s.ctx, org.id, ['institution_staff'], { username: 'kangning_e2e', password: DEMO_PASSWORD });
});

describe('续签申请 in the browser (decision 0048)', () => {
  it('京医保发〔2021〕30号 第四十一条: the clinic applies 3 months before the term ends; the district officer takes it in; the clinic sees 已受理', async () => {
    const clinic = await stack.loginAs('kangning_e2e');
    await clinic.goto(`${stack.baseUrl}/institution/agreements/${agreementId}`);
    const card = clinic.getByTestId('renewal-application');
    await card.getByText(/期满前3个月/).waitFor();
    await card.getByText(/京医保发〔2021〕30号 第四十一条/).first().waitFor();
    const dialog = await openDialog(clinic, card.getByTestId('apply-renewal'), '申请续签');
    await dialog.getByLabel('申请说明').fill('本机构申请续签医保协议');
    const applied = clinic.waitForResponse((r) => r.url().endsWith('/api/renewal-applications') && r.request().method() === 'POST');
    await dialog.getByRole('button', { name: '提交申请' }).click();
    assert.equal((await applied).status(), 200);
    await card.getByText('已申请').waitFor();
    assert.equal(await card.getByTestId('apply-renewal').count(), 0, 'one application waits at a time');
    await clinic.context().close();

    const officer = await stack.loginAs('chaoyang_e2e');
    await officer.getByRole('menuitem', { name: '续签管理' }).click();
    const list = officer.getByTestId('renewal-applications');
    const row = list.locator('.ant-table-row', { hasText: '朝阳康宁诊所' });
    await row.getByText('朝医保协〔2025〕88号').waitFor();
    const accepted = officer.waitForResponse((r) => r.url().endsWith('/events'));
    await row.getByRole('button', { name: /受\s*理/ }).click();
    assert.equal((await accepted).status(), 200);
    await officer.context().close();

    const again = await stack.loginAs('kangning_e2e');
    await again.goto(`${stack.baseUrl}/institution/agreements/${agreementId}`);
    await again.getByTestId('renewal-application').getByText('已受理').waitFor();
    await again.context().close();
  });
});
