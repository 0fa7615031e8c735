import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eq } from 'drizzle-orm';
import { useStack } from './harness';
import { newPage, registerClinic, signInWith, startApplication, verifyRegistration } from './steps';
import { institutions, registrations } from '../../src/db/schema/index';
import { withUsccCheck } from '../../src/domain/validators/uscc';
import { withIdCheck } from '../../src/domain/validators/id-number';

/**
 * Institution self-registration in the browser (issue #9; decision 0027): a new clinic registers on
 * the public site (the page does the proof of work), signs in and sees only 我的注册 (待审核); the
 * 五华区 officer finds it in 注册审核, opens the licence and verifies it; the clinic, now an institution
 * user, starts a designation application. Every step waits for visible Chinese text; no sleeps.
 */
const stack = useStack((s) => {
  s.ctx.config.REGISTRATION_POW_BITS = 14; // the browser's work stays well under a second here
});

const USCC = withUsccCheck('92530102MA0E2E001');
const NAME = '五华区康和诊所';
const USERNAME = 'kanghe_clinic';
const PASSWORD = 'kanghe-zhensuo-2026';

describe('institution self-registration in the browser', () => {
  it('a new clinic registers, the 五华区 officer verifies it, the clinic signs in and starts an application', async () => {
    // ── the public form, reached from the login page ──
    const clinic = await newPage(stack);
    await registerClinic(stack, clinic, {
      uscc: USCC, name: NAME, region: ['云南省', '昆明市', '五华区'], address: '昆明市五华区青年路88号',
      legalRepName: '赵康和', legalRepIdNumber: withIdCheck('53010219790301123'), contactName: '钱联系', contactPhone: '13987654321',
      username: USERNAME, password: PASSWORD,
    });
    const [reg] = await stack.ctx.db.select().from(registrations).where(eq(registrations.uscc, USCC));
    assert.equal(reg?.status, 'pending');

    // ── the pending account: 我的注册 only ──
    await signInWith(stack, clinic, USERNAME, PASSWORD);
    await clinic.waitForURL(/\/registration\/mine$/);
    await clinic.getByTestId('registration-status').getByText('待审核').waitFor();
    assert.equal(await clinic.getByRole('menuitem', { name: '新建定点申请' }).count(), 0);
    assert.equal(await clinic.getByRole('menuitem', { name: '机构名录' }).count(), 0);

    // ── the 五华区 officer verifies ──
    const officer = await stack.loginAs('wuhua');
    await verifyRegistration(officer, NAME);
    const [inst] = await stack.ctx.db.select().from(institutions).where(eq(institutions.uscc, USCC));
    assert.equal(inst?.name, NAME);

    // ── the clinic, now an institution user, starts a designation application ──
    await clinic.reload();
    await clinic.getByTestId('registration-status').getByText('已核实').waitFor();
    await startApplication(clinic);
  });
});
