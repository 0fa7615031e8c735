/**
 * Demo self-registrations (decision 0027), so that 注册审核 is not empty on the first start: a clinic
 * in 五华区 waiting for the 五华区 agency, and a pharmacy in 盘龙区 returned with a reason. Their
 * accounts sign in with the demo password and see only 我的注册: reg_wuhua_clinic, reg_panlong_pharmacy.
 */
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { AppContext } from '../context';
import { appendAudit } from '../db/audit-repo';
import { agenciesAbove, ensureApplicantsOrg, insertRegistration, putFile } from '../db/registration-repo';
import { users } from '../db/schema/index';
import { hashPassword } from '../identity/password';
import { nearestAgency } from '../domain/registration/registration';
import { withIdCheck } from '../domain/validators/id-number';
import { withUsccCheck } from '../domain/validators/uscc';
import { DEMO_PASSWORD, DEMO_USERS } from './demo-users';

const PDF = (s: string) => Buffer.from(`%PDF-1.4\n% ${s}\n%%EOF\n`);

const DEMO = [
  {
    username: 'reg_wuhua_clinic', status: 'pending' as const, returnReason: null,
    details: {
      uscc: withUsccCheck('92530102MA0DE7N01'), name: '昆明市五华区安康诊所', kind: 'medical' as const, subtype: 'clinic' as const,
      ownership: 'private' as const, regionCode: '530102', address: '昆明市五华区人民中路120号', legalRepName: '周安康',
      legalRepIdNumber: withIdCheck('53010219820315123'), contactName: '吴联系', contactPhone: '13888001234',
    },
  },
  {
    username: 'reg_panlong_pharmacy', status: 'returned' as const, returnReason: '上传的营业执照不清晰，请重新上传彩色扫描件',
    details: {
      uscc: withUsccCheck('92530103MA0DE7N02'), name: '昆明市盘龙区百草堂大药房', kind: 'pharmacy' as const, subtype: 'pharmacy_single' as const,
      ownership: 'private' as const, regionCode: '530103', address: '昆明市盘龙区北京路800号', legalRepName: '郑百草',
      legalRepIdNumber: withIdCheck('53010319760820123'), contactName: '冯联系', contactPhone: '13888005678',
    },
  },
];

export async function seedDemoRegistrations(ctx: AppContext): Promise<void> {
  // the demo accounts' one hash (the seed hashes the demo password once), else a fresh one
  const [any] = await ctx.db.select({ hash: users.passwordHash }).from(users).where(eq(users.username, DEMO_USERS[0]!.username));
  const passwordHash = any?.hash ?? (await hashPassword(ctx.config.DEMO_PASSWORD ?? DEMO_PASSWORD));
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const orgId = await ensureApplicantsOrg(tx);
    for (const d of DEMO) {
      const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.username, d.username));
      if (taken) continue;
      const [user] = await tx.insert(users).values({ username: d.username, displayName: d.details.contactName, passwordHash, orgId, roles: [] }).returning({ id: users.id });
      const agency = nearestAgency(d.details.regionCode, await agenciesAbove(tx, d.details.regionCode));
      const reg = await insertRegistration(tx, {
        ...d.details, status: d.status, returnReason: d.returnReason, userId: user!.id, agencyOrgId: agency?.id ?? null,
        submittedAt: now, createdAt: now, updatedAt: now,
      });
      const content = PDF(d.details.name);
      await putFile(tx, {
        registrationId: reg.id, kind: 'business_licence', fileName: '营业执照.pdf', mime: 'application/pdf', size: content.length,
        sha256: createHash('sha256').update(content).digest('hex'), content, at: now,
      });
      await appendAudit(tx, now, {
        actor: { id: user!.id, orgId }, action: 'registration.submit', entityType: 'registration', entityId: reg.id, regionCode: reg.regionCode,
        after: { name: reg.name, uscc: reg.uscc, demo: true },
      });
      if (d.status === 'returned') {
        await appendAudit(tx, now, {
          actor: null, action: 'registration.return', entityType: 'registration', entityId: reg.id, regionCode: reg.regionCode,
          after: { status: 'returned', demo: true }, reason: d.returnReason,
        });
      }
    }
  });
}
