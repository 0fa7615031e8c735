/**
 * A few demo applications in various states, driven through the real use cases (so they carry
 * deadlines, documents and audit rows): the demo hospital's own draft, and 昆明 applicants
 * under review, waiting for 补正, accepted, and in evaluation by a third party — those past 受理
 * with every required material uploaded, the one waiting for 补正 with all but the two items its
 * 一次性告知 asks for (decision 0016). A step that the
 * rules refuse is skipped with a warning; seeding never fails because of it.
 */
import { PAYMENT_CATEGORIES_BY_KIND, type InstitutionKind } from '../domain/registry/enums';
import { and, asc, eq, inArray, like, ne, notInArray } from 'drizzle-orm';
import type { AppContext } from '../context';
import type { SessionUser } from '../domain/identity/roles';
import type { DesignationEvent } from '../domain/designation/events';
import { createHash } from 'node:crypto';
import { institutions, organizations, users } from '../db/schema/index';
import { generateAgreement } from '../agreements/generate-agreement';
import { completeAgreementStudy } from '../agreements/complete-agreement-study';
import { signStoredAgreement } from '../agreements/sign-agreement';
import { DEMO_PASSWORD } from './demo-users';
import { LATER_STAGE_APPLICANTS } from './demo-institutions';
import { findApplication } from '../db/designation-repo';
import { createApplication } from '../designation/create-application';
import { runEvent } from '../designation/run-event';
import { performStep } from '../designation/perform-step';
import { materialListOf } from '../designation/application-materials';
import { uploadMaterial } from '../designation/upload-material';
import { chinaDate, FixedClock } from '../domain/clock/clock';
import { addDays } from '../domain/designation/deadlines';
import { workflowProfileFor } from '../designation/build-context';
import type { DeclaredConditions } from '../domain/designation/conditions';

/** What a demo applicant declares for the basic conditions (国家医疗保障局令第2号 第六条、令第3号 第五条; decision 0023). */
const DEMO_DECLARED: Record<string, DeclaredConditions> = {
  medical: { physicians: [{ name: '李明华', firstRegisteredHere: true, registeredSince: '2021-03-15' }], hasInsuranceStaff: true, hasInternalInsuranceDept: true },
  pharmacy: { licensedPharmacistsWithContract: 1, insuranceStaffWithContract: 2 },
};

export async function sessionUser(ctx: AppContext, where: { username: string } | { institutionId: string }): Promise<SessionUser | null> {
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

/** A one-page PDF that names the item (viewable in the browser). */
export function demoPdf(title: string): Buffer {
  const text = title.replace(/[()\\]/g, '');
  const stream = `BT /F1 14 Tf 72 760 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((n) => `${String(n).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** The institution uploads a demo file for each required material except `leaveOut`. */
async function uploadDemoMaterials(ctx: AppContext, staff: SessionUser, applicationId: string, leaveOut: readonly string[]) {
  const row = await findApplication(ctx.db, applicationId);
  if (!row) return;
  for (const m of materialListOf(row).filter((x) => x.required && !leaveOut.includes(x.id))) {
    try {
      await uploadMaterial(ctx, staff, applicationId, { itemKey: m.id, fileName: `${m.id}.pdf`, content: demoPdf(`demo ${m.id} ${applicationId.slice(0, 8)}`) });
    } catch (e) {
      console.warn(`演示申请：材料 ${m.label} 未上传（${e instanceof Error ? e.message : String(e)}）`);
    }
  }
}

/** The steps of a third-party evaluation that passes: on-site inspection of every checklist item, the report, the result. */
function passedThirdPartyEvaluation(profileId: string): DesignationEvent[] {
  const items = workflowProfileFor(profileId).inspectionChecklist.value ?? [];
  return [
    { type: 'appoint_third_party', name: '云南某医疗管理咨询有限公司', qualification: '具备定点评估资质', sheetId: 'yn-2022-checklist', inspection: { required: true, mode: 'on_site' } },
    { type: 'record_inspection', by: ['第三方评估人员甲', '第三方评估人员乙'], findings: '现场核查符合要求（演示）', checklist: items.map((i) => ({ item: i.id, conforming: true, finding: '符合（演示）' })) },
    { type: 'record_third_party_result', pass: true, reportId: 'DEMO-REPORT-1' },
    { type: 'conclude_evaluation' },
  ];
}

/**
 * The agreement of a file in 协议学习, to the end: the agency generates the text and records the study
 * (云医保〔2022〕6号 第十七条), the institution's legal representative and the agency's head sign on paper
 * (第十八条; the scan's SHA-256 registered), the agency files the signing (第十九条). The representative signs
 * with the demo login inst_renji_rep (src/seed/demo-users.ts), linked to the registered person.
 */
async function signAndFile(ctx: AppContext, applicationId: string, inst: { id: string; orgId: string }, head: SessionUser) {
  const password = ctx.config.DEMO_PASSWORD ?? DEMO_PASSWORD;
  const repUser = await sessionUser(ctx, { username: 'inst_renji_rep' });
  if (!repUser || repUser.institutionId !== inst.id) return;
  const paperSha256 = createHash('sha256').update(demoPdf(`signed agreement ${applicationId.slice(0, 8)}`)).digest('hex');
  try {
    const { id } = await generateAgreement(ctx, head, applicationId, {});
    await completeAgreementStudy(ctx, head, id, { heldOn: chinaDate(ctx.clock.now()), attendees: [repUser.displayName, '医保办负责人', head.displayName] });
    await signStoredAgreement(ctx, repUser, id, { mode: 'paper', capacity: 'legal_rep', password, paperSha256 });
    await signStoredAgreement(ctx, head, id, { mode: 'paper', capacity: 'legal_rep', password, paperSha256 });
    const row = await findApplication(ctx.db, applicationId);
    if (row) await runEvent(ctx, head, applicationId, { type: 'file_signing' }, row.version);
    // as a real agency would: payment opened after filing (云医保〔2022〕6号 第二十条), so the agreement's life starts (生效)
    const filed = await findApplication(ctx.db, applicationId);
    if (filed) await runEvent(ctx, head, applicationId, { type: 'activate_payment' }, filed.version);
  } catch (e) {
    console.warn(`演示申请：协议未签订（${e instanceof Error ? e.message : String(e)}）`);
  }
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
  const create = async (staff: SessionUser, kind: InstitutionKind = 'medical', conditions?: DeclaredConditions) => {
    try {
      // categories that fit the kind (a pharmacy sells, a hospital treats)
      const paymentCategories = PAYMENT_CATEGORIES_BY_KIND[kind].slice(0, 2);
      const row = await createApplication(ctx, staff, {
        route: 'new', paymentCategories, insuranceSchemes: ['employee', 'resident', 'critical_illness'], note: '演示申请', ...(conditions ? { conditions } : {}),
      });
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
    .where(and(like(institutions.regionCode, '5301%'), inArray(institutions.kind, ['medical', 'pharmacy']), eq(institutions.status, 'applicant'), ne(institutions.id, hospitalStaff.institutionId), notInArray(institutions.name, [...LATER_STAGE_APPLICANTS])))
    .orderBy(asc(institutions.name)).limit(4);
  const later = await ctx.db
    .select({ id: institutions.id, orgId: organizations.id, kind: institutions.kind, name: institutions.name })
    .from(institutions).innerJoin(organizations, eq(organizations.institutionId, institutions.id))
    .where(and(inArray(institutions.name, [...LATER_STAGE_APPLICANTS]), eq(institutions.status, 'applicant')));
  // 受理 needs every required material and a 一次性告知 lists every one still missing (decision 0016):
  // each plan says which required items the institution leaves out before submitting
  const today = chinaDate(ctx.clock.now());
  // later stages (issue #9, a living demo): a file whose evaluation passed and whose publicity runs now; and
  // two that started 40 days ago on a clock of their own, so that their publicity has ended — one in
  // negotiation, one whose negotiation was agreed and that is in 协议学习 (the agreement text is the agency's next step)
  const laterStages = (negotiate: boolean, agreed: boolean): DesignationEvent[] => [
    { type: 'submit' }, { type: 'accept' }, ...passedThirdPartyEvaluation('yunnan'), { type: 'publish_publicity' },
    ...(negotiate ? [{ type: 'end_publicity' } satisfies DesignationEvent] : []),
    ...(agreed ? [
      { type: 'record_negotiation', meeting: { on: '', form: 'meeting', participants: ['经办机构代表', '医药机构代表'], points: { serviceScope: '普通门诊、住院', paymentMethod: '按病种付费为主', settlementStandard: '按协议约定' } } },
      { type: 'negotiation_agreed' },
    ] satisfies DesignationEvent[] : []),
  ];
  const plans: { leaveOut: string[] | 'all'; events: DesignationEvent[]; daysAgo?: number; sign?: true; panel?: true }[] = [
    { leaveOut: 'all', events: [{ type: 'submit' }] },
    {
      leaveOut: ['licence_copy', 'internal_rules'],
      events: [{ type: 'submit' }, {
        type: 'request_supplement', missingItems: ['licence_copy', 'internal_rules'],
        requirements: { licence_copy: '许可证已过有效期，请提供有效期内的副本' }, dueOn: addDays(today, 14),
      }],
    },
    { leaveOut: [], events: [{ type: 'submit' }, { type: 'accept' }] },
    {
      leaveOut: [],
      events: [{ type: 'submit' }, { type: 'accept' }, { type: 'appoint_third_party', name: '云南某医疗管理咨询有限公司', qualification: '具备定点评估资质', sheetId: 'yn-2022-checklist', inspection: { required: true, mode: 'on_site' } }],
    },
    { leaveOut: [], events: laterStages(false, false) },
    { leaveOut: [], events: laterStages(true, false), daysAgo: 40 },
    { leaveOut: [], events: laterStages(true, true), daysAgo: 40, sign: true },
    // an evaluation by a panel drawn from the province's expert pool: the experts' home pages list it to score
    { leaveOut: [], events: [{ type: 'submit' }, { type: 'accept' }], panel: true },
  ];
  const realCtx = ctx;
  const candidates = [...Array.from({ length: 4 }, (_, i) => others[i]), ...LATER_STAGE_APPLICANTS.map((n) => later.find((x) => x.name === n))];
  for (const [i, inst] of candidates.entries()) {
    const plan = plans[i];
    if (!inst) continue;
    if (!plan) continue;
    // a file that started in the past runs on a clock of its own: the publicity period runs out between the steps
    const clock = plan.daysAgo ? new FixedClock(new Date(realCtx.clock.now().getTime() - plan.daysAgo * 86_400_000)) : null;
    ctx = clock ? { ...realCtx, clock } : realCtx;
    try {
      const staff = staffOf(inst, inst.orgId, admin.id); // recorded as the administrator who seeded the demo
      // the 昆明 applicants declare the basic-condition facts; the demo hospital's own draft does not, so
      // that the officer sees 无法判断 and records a finding (decision 0023)
      const id = await create(staff, inst.kind as InstitutionKind, DEMO_DECLARED[inst.kind]);
      if (!id) continue;
      if (plan.leaveOut !== 'all') await uploadDemoMaterials(ctx, staff, id, plan.leaveOut);
      for (const ev of plan.events) {
        if (clock && ev.type === 'end_publicity') clock.advanceDays(12); // past the 公示期 (7 工作日 or so)
        const e = ev.type === 'record_negotiation' ? { ...ev, meeting: { ...ev.meeting, on: chinaDate(ctx.clock.now()) } } : ev;
        await step(id, ev.type === 'submit' ? staff : officer, e);
        if (clock) clock.advanceDays(1);
      }
      if (plan.sign) await signAndFile(ctx, id, inst, officer);
      if (plan.panel) {
        // the server draws the panel (performStep), as when the officer clicks 组建评估小组
        const row = await findApplication(ctx.db, id);
        if (row) {
          await performStep(ctx, officer, id, 'form_panel', { version: row.version, inspection: { required: true, mode: 'on_site' } })
            .catch((e: unknown) => console.warn(`演示申请：评估小组未组建（${e instanceof Error ? e.message : String(e)}）`));
        }
      }
    } finally {
      ctx = realCtx;
    }
  }
  return made;
}
