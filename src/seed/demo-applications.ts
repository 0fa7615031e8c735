/**
 * A few demo applications in various states, driven through the real use cases (so they carry
 * deadlines, documents and audit rows): the demo hospital's own draft, and 昆明 applicants
 * under review, waiting for 补正, accepted, and in evaluation by a third party. A step that the
 * rules refuse is skipped with a warning; seeding never fails because of it.
 */
import { PAYMENT_CATEGORIES_BY_KIND, type InstitutionKind } from '../domain/registry/enums';
import { and, asc, eq, inArray, like, ne } from 'drizzle-orm';
import type { AppContext } from '../server/context';
import type { SessionUser } from '../domain/identity/roles';
import type { DesignationEvent } from '../domain/designation/events';
import { institutions, organizations, users } from '../db/schema/index';
import { findApplication } from '../db/designation-repo';
import { createApplication } from '../designation/create-application';
import { runEvent } from '../designation/run-event';

async function sessionUser(ctx: AppContext, where: { username: string } | { institutionId: string }): Promise<SessionUser | null> {
  const cond = 'username' in where ? eq(users.username, where.username) : eq(organizations.institutionId, where.institutionId);
  const [r] = await ctx.db
    .select({ u: users, o: organizations })
    .from(users).innerJoin(organizations, eq(organizations.id, users.orgId)).where(cond).limit(1);
  if (!r) return null;
  return {
    id: r.u.id, username: r.u.username, displayName: r.u.displayName, roles: r.u.roles as SessionUser['roles'], orgId: r.o.id, orgName: r.o.name,
    orgKind: r.o.kind, orgLevel: r.o.level, orgRegionCode: r.o.regionCode, institutionId: r.o.institutionId, csrfToken: '',
  };
}

/** A stand-in institution user for a demo institution without a login. */
function staffOf(inst: { id: string }, orgId: string, seeder: string): SessionUser {
  return {
    id: seeder, username: 'demo', displayName: '演示经办人', roles: ['institution_staff'], orgId, orgName: '',
    orgKind: 'institution', orgLevel: 'county', orgRegionCode: null, institutionId: inst.id, csrfToken: '',
  };
}

export async function seedDemoApplications(ctx: AppContext): Promise<number> {
  const officer = await sessionUser(ctx, { username: 'km_head' });
  const hospitalStaff = await sessionUser(ctx, { username: 'inst_hosp' });
  const admin = await sessionUser(ctx, { username: 'admin' });
  if (!officer || !admin || !hospitalStaff?.institutionId) return 0;
  let made = 0;
  const step = async (id: string, who: SessionUser, ev: DesignationEvent) => {
    const row = await findApplication(ctx.db, id);
    if (!row) return;
    try {
      await runEvent(ctx, who, id, ev, row.version);
    } catch (e) {
      console.warn(`演示申请：${ev.type} 未执行（${e instanceof Error ? e.message : String(e)}）`);
    }
  };
  const create = async (staff: SessionUser, kind: InstitutionKind = 'medical') => {
    try {
      // categories that fit the kind (a pharmacy sells, a hospital treats)
      const paymentCategories = PAYMENT_CATEGORIES_BY_KIND[kind].slice(0, 2);
      const row = await createApplication(ctx, staff, { route: 'new', paymentCategories, insuranceSchemes: ['employee', 'resident', 'critical_illness'], note: '演示申请' });
      made++;
      return row.id;
    } catch (e) {
      console.warn(`演示申请：未创建（${e instanceof Error ? e.message : String(e)}）`);
      return null;
    }
  };

  // the demo hospital's own draft: inst_hosp submits it in the browser
  await create(hospitalStaff);

  const others = await ctx.db
    .select({ id: institutions.id, orgId: organizations.id, kind: institutions.kind })
    .from(institutions).innerJoin(organizations, eq(organizations.institutionId, institutions.id))
    .where(and(like(institutions.regionCode, '5301%'), inArray(institutions.kind, ['medical', 'pharmacy']), eq(institutions.status, 'applicant'), ne(institutions.id, hospitalStaff.institutionId)))
    .orderBy(asc(institutions.name)).limit(4);
  const plans: DesignationEvent[][] = [
    [{ type: 'submit' }],
    [{ type: 'submit' }, { type: 'request_supplement', missingItems: ['licence_copy', 'internal_rules'] }],
    [{ type: 'submit' }, { type: 'accept' }],
    [{ type: 'submit' }, { type: 'accept' }, { type: 'appoint_third_party', name: '云南某医疗管理咨询有限公司', qualification: '具备定点评估资质', sheetId: 'yn-2022-checklist', inspection: { required: true, mode: 'on_site' } }],
  ];
  for (const [i, inst] of others.entries()) {
    const staff = staffOf(inst, inst.orgId, admin.id); // recorded as the administrator who seeded the demo
    const id = await create(staff, inst.kind as InstitutionKind);
    if (!id) continue;
    for (const ev of plans[i] ?? []) await step(id, ev.type === 'submit' ? staff : officer, ev);
  }
  return made;
}
