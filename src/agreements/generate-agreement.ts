/**
 * The agreement text for an application in 协议学习: the province's 范本 for the institution's kind
 * and year, with the local supplement that covers its region (2025 draft 一(三): may refine, must not
 * conflict), the parties, the term (usually 1 year, 京医保发〔2021〕30号 第十条) and the special cases
 * of 吉医保规〔2023〕1号 第二十三条 / 第三十三条. The canonical text and its SM3 digest are stored:
 * that text, not a rendering, is what both parties sign. A draft may be regenerated until the
 * study fixes it (complete_study).
 */
import { AppError } from '../domain/errors';
import type { SessionUser } from '../domain/identity/roles';
import { chinaDate } from '../domain/clock/clock';
import { addDays, addMonthsClamped } from '../domain/calendar/dates';
import { paramDetail } from '../domain/policy/resolve';
import { paymentCategoryLabel, type PaymentCategory } from '../domain/registry/enums';
import { canonicalAgreementText } from '../domain/signing/canonical-text';
import { sm3Hex } from '../domain/signing/digest';
import { buildAgreement, findConflicts, type AgreementTemplate, type LocalSupplement } from '../documents/build-agreement';
import { formatDocumentNumber } from '../documents/numbering';
import { appendAudit } from '../db/audit-repo';
import { nextSerial } from '../db/document-repo';
import { agreementOfApplication, currentSupplement, findTemplate, listTemplates, upsertDraftAgreement, type TemplateRow } from '../db/agreement-repo';
import { chooseTemplate } from '../domain/agreements/choose-template';
import { loadApplicationFor } from '../designation/run-event';
import { loadParties } from '../designation/issue-documents';
import { workflowProfileFor } from '../designation/build-context';
import { formatCite } from '../domain/designation/cite';
import { stepCites } from '../domain/designation/table';
import type { AppContext } from '../context';
import { specialSections, type SpecialCases } from './agreement-sections';
import { evaluatedSites } from './evaluate-sites';
import { conflictReasons, toSupplement, toTemplate } from './template-model';

export interface GenerateInput {
  templateId?: string;
  /** null: no local supplement; absent: the one covering the application's region */
  supplementId?: string | null;
  termFrom?: string;
  special?: SpecialCases;
}

/** The articles of the 协议学习 step under the application's profile (e.g. 云医保〔2022〕6号 第十七条、第十八条), named in the preamble. */
const signingBasis = (profileId: string): string[] => stepCites(workflowProfileFor(profileId), 'agreement_study', 'complete_study').map(formatCite);

async function pickTemplates(ctx: AppContext, profileId: string, kind: string, termYear: number, regionCode: string, input: GenerateInput) {
  const rows = await listTemplates(ctx.db, { kind: 'template' });
  const explicit = input.templateId ? await findTemplate(ctx.db, input.templateId) : null;
  if (input.templateId && (!explicit || explicit.kind !== 'template')) throw new AppError('INVALID_INPUT', '协议范本不存在', { field: 'templateId' });
  const picked = chooseTemplate(rows, { profileId, institutionKind: kind, termYear, ...(input.templateId ? { explicitId: input.templateId } : {}) });
  if (!picked.ok) throw new AppError('INVALID_INPUT', picked.message, { field: picked.field });
  const template = rows.find((r) => r.id === picked.choice.templateId)!;
  let supplement: TemplateRow | null = null;
  if (input.supplementId) {
    supplement = await findTemplate(ctx.db, input.supplementId);
    if (!supplement || supplement.kind !== 'supplement' || supplement.baseTemplateId !== template.id) {
      throw new AppError('INVALID_INPUT', '所选地方补充条款不存在或不是该范本的补充条款', { field: 'supplementId' });
    }
  } else if (input.supplementId === undefined) {
    supplement = await currentSupplement(ctx.db, template.id, regionCode);
  }
  return { template, supplement, choice: picked.choice };
}

export async function generateAgreement(ctx: AppContext, user: SessionUser, applicationId: string, input: GenerateInput) {
  const app = await loadApplicationFor(ctx, user, applicationId);
  if (app.state !== 'agreement_study') {
    throw new AppError('CONFLICT', '协议文本在协商谈判达成一致后的协议学习阶段生成');
  }
  const existing = await agreementOfApplication(ctx.db, app.id);
  if (existing && existing.status !== 'draft') throw new AppError('CONFLICT', '协议文本已经协议学习确定，不能重新生成');
  const today = chinaDate(ctx.clock.now());
  const from = input.termFrom ?? today;
  // the template in force for the agreement's term (the year it starts), with why — and a warning when it is another year's
  const { template, supplement, choice } = await pickTemplates(ctx, app.profileId, app.kind, Number(from.slice(0, 4)), app.regionCode, input);
  const tpl: AgreementTemplate = toTemplate(template);
  const sup: LocalSupplement | undefined = supplement ? toSupplement(supplement) : undefined;
  const conflicts = findConflicts(tpl, sup);
  if (conflicts.length) throw new AppError('RULE_REFUSED', '地方补充条款与协议范本相冲突，不能生成协议文本', { reasons: conflictReasons(conflicts) });

  // 吉医保规〔2023〕1号 第二十三条(二): with several practice sites the sites come from their evaluation, not from the caller
  const sites = await evaluatedSites(ctx, app, today);
  const special: SpecialCases = sites ? { ...input.special, sites } : (input.special ?? {});
  const term = paramDetail(app.profileId, 'agreement.term.years', today);
  const to = addDays(addMonthsClamped(from, 12 * (term?.value ?? 1)).date, -1);
  const parties = await loadParties(ctx, app.institutionId, user.orgKind === 'agency' ? user.orgId : app.agencyOrgId);
  const categories = ((app.declaration as { paymentCategories?: string[] }).paymentCategories ?? [])
    .map((c) => paymentCategoryLabel[c as PaymentCategory] ?? c);

  const basis = signingBasis(app.profileId);
  return ctx.db.transaction(async (tx) => {
    const year = Number(today.slice(0, 4));
    const number = existing?.number
      ?? formatDocumentNumber({ agencyShort: parties.agency.short, typeCode: '协', year, serial: await nextSerial(tx, parties.agency.orgId, '协', year) });
    const { document } = buildAgreement({
      number, date: today, template: tpl, ...(sup ? { supplement: sup } : {}),
      agency: parties.agency, institution: parties.institution, term: { from, to },
      citations: basis,
      fields: { 服务类别: categories.join('、') || '以甲方核定为准', 协议期限年数: String(term?.value ?? 1) },
    });
    if (document.warnings.length) {
      throw new AppError('RULE_REFUSED', '协议文本不完整，不能生成', {
        reasons: document.warnings.map((w) => ({ ruleId: 'agreement.text.complete', citation: basis.join('；'), message: w })),
      });
    }
    document.sections.push(...specialSections(special, workflowProfileFor(app.profileId)));
    const text = canonicalAgreementText(document);
    const now = ctx.clock.now();
    const row = await upsertDraftAgreement(tx, {
      applicationId: app.id, institutionId: app.institutionId, regionCode: app.regionCode, agencyOrgId: parties.agency.orgId,
      templateId: template.id, supplementId: supplement?.id ?? null, number, termFrom: from, termTo: to,
      special, model: app.applicationNo ? { ...document, applicationNo: app.applicationNo } : document, canonicalText: text, textSm3: sm3Hex(text), templateChoice: choice, createdBy: user.id, createdAt: now, updatedAt: now,
    });
    if (!row) throw new AppError('CONFLICT', '协议文本已经协议学习确定，不能重新生成');
    await appendAudit(tx, now, {
      actor: user, action: 'agreement.generate', entityType: 'agreement', entityId: row.id, regionCode: app.regionCode,
      after: {
        applicationId: app.id, number, template: `${template.code}@${template.version}`, supplement: supplement ? `${supplement.code}@${supplement.version}` : null,
        term: { from, to, cite: term ? term.cite : null }, textSm3: row.textSm3, special: Object.keys(special), templateChoice: choice,
      },
    });
    return row;
  });
}
