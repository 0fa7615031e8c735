/**
 * An institution starts an application (draft) for itself. The agency it goes to is the one of
 * the institution's territory at the level the profile's jurisdiction gives for 受理; the
 * schemes it declares must satisfy the profile's "apply together" rules (吉医保规〔2023〕1号 第三十五条).
 */
import type { AppContext } from '../context';
import { AppError, type RuleReason } from '../domain/errors';
import type { SessionUser } from '../domain/identity/roles';
import { chinaDate } from '../domain/clock/clock';
import { newApplication } from '../domain/designation/application';
import { citesFor, formatCites, JL, natUnlocated, YN, type Cite } from '../domain/designation/cite';
import { workflowProfileFor } from './build-context';
import { TERMINAL_STATES } from '../domain/designation/states';
import { resolveProfile, citationLabel } from '../domain/policy/resolve';
import { agencyLevelFor, jurisdiction } from '../domain/policy/jurisdiction';
import { insuranceSchemeLabel, paymentCategoryMismatch, type InstitutionKind, type InsuranceScheme } from '../domain/registry/enums';
import type { institutions } from '../db/schema/index';
import { findApplicantFacts, insertApplication, type ApplicationRow, type Declaration } from '../db/designation-repo';
import { auditRowAfter } from '../db/audit-repo';
import { EMPTY_CHAIN } from '../domain/audit/chain';
import type { DeclaredConditions } from '../domain/designation/conditions';

export interface CreateApplicationInput {
  route: 'new' | 'add_category';
  paymentCategories: string[];
  insuranceSchemes: InsuranceScheme[];
  note?: string;
  contactName?: string;
  contactPhone?: string;
  /** the facts of the basic conditions the registry does not hold (decision 0023) */
  conditions?: DeclaredConditions;
}

/** Reasons the declared schemes break a profile's "apply together" rule (empty = fine). */
export function schemeReasons(profileId: string, kind: InstitutionKind, schemes: readonly string[], asOf: string): RuleReason[] {
  const out: RuleReason[] = [];
  for (const { rule } of resolveProfile(profileId, asOf).rules) {
    if (!rule.schemes || rule.schemes.length < 2 || !rule.appliesTo.includes(kind)) continue;
    const declared = rule.schemes.filter((s) => schemes.includes(s));
    if (declared.length === 0 || declared.length === rule.schemes.length) continue;
    const missing = rule.schemes.filter((s) => !schemes.includes(s));
    out.push({
      ruleId: rule.id, citation: citationLabel(rule),
      message: `${rule.title}；缺少：${missing.map((s) => insuranceSchemeLabel[s]).join('、')}`,
    });
  }
  return out;
}

/** The profile's rules on which 险种 are applied for together, for the declaration form's help text. */
export function schemeRules(profileId: string, kind: InstitutionKind, asOf: string) {
  return resolveProfile(profileId, asOf).rules
    .filter(({ rule }) => rule.schemes && rule.appliesTo.includes(kind))
    .map(({ rule }) => ({ ruleId: rule.id, title: rule.title, citation: citationLabel(rule), schemes: [...rule.schemes!] }));
}

/** What the declaration form of the signed-in institution follows: its province's profile and its 险种 rules (none = no such rule). */
export async function declarationRules(ctx: AppContext, user: SessionUser) {
  if (!user.roles.includes('institution_staff') || !user.institutionId) {
    throw new AppError('FORBIDDEN', '只有医药机构经办人可以查看本机构的申请规则');
  }
  const facts = await findApplicantFacts(ctx.db, user.institutionId, [...TERMINAL_STATES, 'filed']);
  if (!facts) throw new AppError('NOT_FOUND', '机构不存在');
  const profileId = facts.profileId ?? 'national';
  return { profileId, schemes: schemeRules(profileId, facts.institution.kind as InstitutionKind, chinaDate(ctx.clock.now())) };
}

/** The agency org that receives an application from an institution (属地 + the profile's 受理 level), among its territory's agencies. */
export function receivingAgency(
  inst: Pick<typeof institutions.$inferSelect, 'kind' | 'adminLevel' | 'subtype' | 'regionCode'>, profileId: string, asOf: string,
  orgs: readonly { id: string; level: string; regionCode: string }[],
): string | null {
  const j = jurisdiction(profileId, asOf, inst.kind);
  const wanted = agencyLevelFor(j, { adminLevel: inst.adminLevel, subtype: inst.subtype }, 'accept');
  const code = inst.regionCode;
  const chain = [code, `${code.slice(0, 4)}00`, `${code.slice(0, 2)}0000`];
  const byLevel = wanted ? orgs.find((o) => o.level === wanted) : undefined;
  const nearest = chain.map((c) => orgs.find((o) => o.regionCode === c)).find(Boolean);
  return (byLevel ?? nearest)?.id ?? null;
}

export async function createApplication(ctx: AppContext, user: SessionUser, input: CreateApplicationInput): Promise<ApplicationRow> {
  if (!user.roles.includes('institution_staff') || !user.institutionId) {
    throw new AppError('FORBIDDEN', '只有医药机构经办人可以为本机构提出定点申请');
  }
  const facts = await findApplicantFacts(ctx.db, user.institutionId, [...TERMINAL_STATES, 'filed']);
  if (!facts) throw new AppError('NOT_FOUND', '机构不存在');
  const inst = facts.institution;
  // the refusals below cite the applicant's own profile (decision 0015): the region's article where
  // its text has one, else the national order (条号待核 where its article is not located)
  const own = (cites: Cite[]) => formatCites(citesFor(workflowProfileFor(facts.profileId ?? 'national'), cites));
  if (inst.kind === 'third_party') {
    throw new AppError('RULE_REFUSED', '第三方服务机构向经办机构备案服务项目，不申请定点', {
      reasons: [{ ruleId: 'jilin.procedure.third-party-filing', citation: own([{ doc: JL, article: 33 }, natUnlocated('第三方服务机构')]), message: '独立设置的检验、病理、影像等第三方服务机构备案，不申请定点' }],
    });
  }
  if (input.route === 'add_category' && inst.status !== 'designated') {
    throw new AppError('RULE_REFUSED', '只有已定点的机构可以申请增加医保支付类别', {
      reasons: [{ ruleId: 'designation.route.add-category', citation: own([{ doc: YN, article: 6, clause: 2 }, natUnlocated('定点后增加医保支付类别')]), message: '增加医保支付类别适用于已签订协议的定点医药机构' }],
    });
  }
  const mismatch = paymentCategoryMismatch(inst.kind, input.paymentCategories);
  if (mismatch) throw new AppError('RULE_REFUSED', mismatch, { field: 'paymentCategories' });
  const today = chinaDate(ctx.clock.now());
  const profileId = facts.profileId ?? 'national';
  const reasons = schemeReasons(profileId, inst.kind, input.insuranceSchemes, today);
  if (reasons.length) throw new AppError('RULE_REFUSED', `申请的险种不符合规定：${reasons.map((r) => r.message).join('；')}`, { reasons });

  if (facts.hasOpenApplication) throw new AppError('CONFLICT', '本机构已有办理中的定点申请，请勿重复申请');

  const agencyOrgId = receivingAgency(inst, profileId, today, facts.agencies);
  const id = crypto.randomUUID();
  const data = newApplication({ id, institutionId: inst.id, institutionKind: inst.kind, route: input.route, singlePharmacy: inst.subtype === 'pharmacy_single' });
  const declaration: Declaration = {
    paymentCategories: input.paymentCategories, insuranceSchemes: input.insuranceSchemes,
    ...(input.note !== undefined ? { note: input.note } : {}),
    ...(input.contactName !== undefined ? { contactName: input.contactName } : {}),
    ...(input.contactPhone !== undefined ? { contactPhone: input.contactPhone } : {}),
    ...(input.conditions !== undefined ? { conditions: input.conditions } : {}),
  };
  const now = ctx.clock.now();
  // the draft and its audit row: one statement (decision 0012)
  return insertApplication(ctx.db, {
    id, institutionId: inst.id, kind: inst.kind, regionCode: inst.regionCode, profileId, agencyOrgId, state: 'draft',
    version: 1, data, declaration, createdBy: user.id, createdAt: now, updatedAt: now,
  }, auditRowAfter(EMPTY_CHAIN, now, {
    actor: { id: user.id, orgId: user.orgId }, action: 'application.create', entityType: 'application', entityId: id,
    regionCode: inst.regionCode, after: { state: 'draft', version: 1, declaration, profileId, agencyOrgId },
  }));
}
