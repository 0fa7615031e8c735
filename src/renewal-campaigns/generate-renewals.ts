/**
 * The renewed agreements of a 续签 campaign, generated in bulk (issue #11, decision 0045). For every item
 * decided 续签: the next agreement, from the 范本 that applies for the new term's year with the local
 * supplement covering the region (as the designation's generate-agreement.ts does), whose term starts
 * the day after the old term ends — 「按照不留空挡期原则」 (云医保〔2022〕6号 第二十九条). For an institution on
 * a fixed agreement only the annual annex is generated; an item marked 固定+年度 gets its fixed agreement
 * (云医保〔2022〕6号 第二十九条, 京医保发〔2021〕30号 第四十一条第二款).
 *
 * A job with progress: the campaign row holds it (claimed atomically: a second start while it runs is a
 * 409), items are read in keyset pages of 200 and each page is one transaction; an item gets at most one
 * agreement (the item's link and the unique index on renews_agreement_id), so a second run only does what
 * the first did not. An item that cannot be generated (no 范本, an incomplete text) is reported and left.
 */
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../context';
import { AppError } from '../domain/errors';
import { chinaDate } from '../domain/clock/clock';
import { addDays, addMonthsClamped } from '../domain/calendar/dates';
import { paramDetail } from '../domain/policy/resolve';
import { scopeOf } from '../domain/identity/territory';
import type { SessionUser } from '../domain/identity/roles';
import { paymentCategoryLabel, type PaymentCategory } from '../domain/registry/enums';
import { canonicalAgreementText } from '../domain/signing/canonical-text';
import { sm3Hex } from '../domain/signing/digest';
import { chooseTemplate } from '../domain/agreements/choose-template';
import { FIXED_ANNUAL_CITE, renewalCite, renewalForm } from '../domain/renewal-campaign/fixed-annual';
import type { RenewalItemCase } from '../domain/renewal-campaign/item-case';
import { CITY_STEP_CITATION, hasCityStep } from '../domain/renewal-campaign/city-report';
import { buildAgreement, findConflicts } from '../documents/build-agreement';
import { formatDocumentNumber } from '../documents/numbering';
import { appendAudit } from '../db/audit-repo';
import { nextSerial } from '../db/document-repo';
import { currentSupplement, listTemplates, type TemplateRow } from '../db/agreement-repo';
import { findCampaign, type CampaignRow } from '../db/renewal-campaign-repo';
import { claimGeneration, countToGenerate, insertRenewedAgreement, itemsToGenerate, linkRenewal, saveGeneration, type GenerationJob } from '../db/renewal-sign-repo';
import { loadParties } from '../designation/issue-documents';
import { toSupplement, toTemplate } from '../agreements/template-model';

export const GENERATION_PAGE = 200;
/** a run whose progress has not moved for this long is taken to have died with its process */
const STALE_MS = 10 * 60_000;
const MAX_FAILURES_KEPT = 50;

/** the one text that names 缓签 and its re-evaluation; elsewhere the renewal article of the profile */
const DEFERRAL_CITE = '自治区医保局〔2025〕征求意见稿 二(一)';

const formTitle = { standard: '', fixed: '（固定协议）', annual: '（年度协议）' } as const;

export const generationView = (g: unknown): GenerationJob | null => (g && typeof g === 'object' ? (g as GenerationJob) : null);

/**
 * Starts the generation for the organising agency: answers the job as claimed and the promise of its run
 * (the route does not wait; the page polls the campaign's signing view).
 */
export async function startRenewalGeneration(ctx: AppContext, user: SessionUser, campaignId: string): Promise<{ job: GenerationJob; run: Promise<GenerationJob> }> {
  const c = await findCampaign(ctx.db, campaignId, scopeOf(user));
  if (!c) throw new AppError('NOT_FOUND', '续签工作不存在');
  if (c.agencyOrgId !== user.orgId) throw new AppError('FORBIDDEN', '仅组织续签的经办机构可生成续签协议');
  const cityStep = hasCityStep(c.profileId);
  const total = await countToGenerate(ctx.db, c.id, cityStep);
  if (total === 0) {
    throw new AppError('CONFLICT', cityStep
      ? `没有待生成续签协议的事项（市经办机构协商谈判为续签且尚未生成协议的；${CITY_STEP_CITATION}）`
      : '没有待生成续签协议的事项（核定为续签且尚未生成协议的）');
  }
  const now = ctx.clock.now();
  const job: GenerationJob = {
    id: randomUUID(), state: 'running', total, done: 0, generated: 0, failed: 0, failures: [], startedAt: now.toISOString(), updatedAt: now.toISOString(),
    finishedAt: null, startedBy: user.id, error: null,
  };
  if (!(await claimGeneration(ctx.db, c.id, job, new Date(now.getTime() - STALE_MS).toISOString()))) {
    throw new AppError('CONFLICT', '续签协议正在生成中，请等待本次生成完成');
  }
  const run = runGeneration(ctx, user, c, job).catch(async (e: unknown) => {
    const failed: GenerationJob = { ...job, state: 'failed', error: e instanceof Error ? e.message : String(e), finishedAt: ctx.clock.now().toISOString() };
    await saveGeneration(ctx.db, c.id, failed).catch(() => undefined);
    return failed;
  });
  return { job, run };
}

async function runGeneration(ctx: AppContext, user: SessionUser, c: CampaignRow, job: GenerationJob): Promise<GenerationJob> {
  const templates = await listTemplates(ctx.db, { kind: 'template' });
  const supplements = new Map<string, TemplateRow | null>();
  const parties = new Map<string, Awaited<ReturnType<typeof loadParties>>>();
  const today = chinaDate(ctx.clock.now());
  const term = paramDetail(c.profileId, 'agreement.term.years', today);
  const years = term?.value ?? 1;
  let after: string | null = null;
  for (;;) {
    const page = await itemsToGenerate(ctx.db, c.id, hasCityStep(c.profileId), after, GENERATION_PAGE);
    if (page.length === 0) break;
    after = page[page.length - 1]!.itemId;
    // the texts are built outside the transaction; an item that cannot be built is reported, not written
    type Item = (typeof page)[number];
    type Built = {
      it: Item; from: string; to: string; template: TemplateRow; supplement: TemplateRow | null; tpl: ReturnType<typeof toTemplate>;
      sup: ReturnType<typeof toSupplement> | undefined; p: Awaited<ReturnType<typeof loadParties>>; form: 'standard' | 'fixed' | 'annual';
      fixedId: string | null; categories: string[]; choice: Extract<ReturnType<typeof chooseTemplate>, { ok: true }>['choice'];
    };
    const built: Built[] = [];
    for (const it of page) {
      try {
        // a 缓签 re-evaluated as passed starts the day after the old term or, when that has passed, the day of the evaluation
        const reevaluatedOn = it.decided === 'defer' ? (it.data as Partial<RenewalItemCase>).reevaluation?.on ?? null : null;
        const dayAfter = addDays(String(it.old.termTo), 1);
        const from = reevaluatedOn && reevaluatedOn > dayAfter ? reevaluatedOn : dayAfter;
        const to = addDays(addMonthsClamped(from, 12 * years).date, -1);
        const picked = chooseTemplate(templates, { profileId: c.profileId, institutionKind: it.institutionKind, termYear: Number(from.slice(0, 4)) });
        if (!picked.ok) throw new AppError('INVALID_INPUT', picked.message);
        const template = templates.find((t) => t.id === picked.choice.templateId)!;
        const supKey = `${template.id}|${it.regionCode}`;
        if (!supplements.has(supKey)) supplements.set(supKey, await currentSupplement(ctx.db, template.id, it.regionCode));
        const supplement = supplements.get(supKey) ?? null;
        const tpl = toTemplate(template);
        const sup = supplement ? toSupplement(supplement) : undefined;
        if (findConflicts(tpl, sup).length) throw new AppError('RULE_REFUSED', '地方补充条款与协议范本相冲突');
        const pKey = `${it.old.institutionId}`;
        if (!parties.has(pKey)) parties.set(pKey, await loadParties(ctx, it.old.institutionId, c.agencyOrgId));
        const p = parties.get(pKey)!;
        const form = renewalForm(it.old.form, it.fixedAnnual);
        const fixedId = form === 'annual' ? (it.old.form === 'fixed' ? it.old.id : it.old.fixedAgreementId) : null;
        const categories = (it.old.paymentCategories ?? (it.declaration as { paymentCategories?: string[] } | null)?.paymentCategories ?? [])
          .map((x) => paymentCategoryLabel[x as PaymentCategory] ?? x);
        built.push({ it, from, to, template, supplement, tpl, sup, p, form, fixedId, categories, choice: picked.choice });
      } catch (e) {
        job.failed += 1;
        if (job.failures.length < MAX_FAILURES_KEPT) job.failures.push({ itemId: it.itemId, institutionName: it.institutionName, message: e instanceof Error ? e.message : String(e) });
      }
    }
    await ctx.db.transaction(async (tx) => {
      const now = ctx.clock.now();
      const year = Number(chinaDate(now).slice(0, 4));
      for (const b of built) {
        const cites = [renewalCite(c.profileId), ...(b.form !== 'standard' && FIXED_ANNUAL_CITE[c.profileId] ? [FIXED_ANNUAL_CITE[c.profileId]!] : [])];
        const number = formatDocumentNumber({ agencyShort: b.p.agency.short, typeCode: '协', year, serial: await nextSerial(tx, b.p.agency.orgId, '协', year) });
        const { document } = buildAgreement({
          number, date: chinaDate(now), template: b.tpl, ...(b.sup ? { supplement: b.sup } : {}), agency: b.p.agency, institution: b.p.institution,
          term: { from: b.from, to: b.to }, citations: cites,
          fields: { 服务类别: b.categories.join('、') || '以甲方核定为准', 协议期限年数: String(years) },
        });
        if (document.warnings.length) {
          job.failed += 1;
          if (job.failures.length < MAX_FAILURES_KEPT) job.failures.push({ itemId: b.it.itemId, institutionName: b.it.institutionName, message: `协议文本不完整：${document.warnings.join('；')}` });
          continue;
        }
        document.title = `${document.title}${formTitle[b.form]}`;
        document.sections.push({
          heading: '协议续签',
          paragraphs: [
            b.from === addDays(String(b.it.old.termTo), 1)
              ? `本协议续签甲乙双方原医保协议（${b.it.old.number}，协议期限${String(b.it.old.termFrom)}至${String(b.it.old.termTo)}），自原协议期满次日起履行，前后协议期限之间不留空档（${cites[0]}）。`
              : `甲乙双方原医保协议（${b.it.old.number}，协议期限${String(b.it.old.termFrom)}至${String(b.it.old.termTo)}）暂缓续签，经评估通过后签订本协议，自${b.from}起履行（${c.profileId === 'zizhiqu-2025-draft' ? DEFERRAL_CITE : cites[0]}）。`,
            ...(b.form === 'fixed' ? [`本协议为固定协议，此后各年度由双方签订年度协议，固定协议相对不变，年度协议每年根据具体情况调整（${cites[1] ?? cites[0]}）。`] : []),
            ...(b.form === 'annual' ? [`本协议为固定协议的年度协议，与固定协议一并履行；固定协议相对不变，本年度协议约定本年度的协议期限和调整事项（${cites[1] ?? cites[0]}）。`] : []),
          ],
        });
        const text = canonicalAgreementText(document);
        const row = await insertRenewedAgreement(tx, {
          applicationId: null, institutionId: b.it.old.institutionId, regionCode: b.it.regionCode, agencyOrgId: b.p.agency.orgId,
          templateId: b.template.id, supplementId: b.supplement?.id ?? null, number, termFrom: b.from, termTo: b.to, special: b.it.old.special ?? {},
          model: document, canonicalText: text, textSm3: sm3Hex(text), status: 'fixed', templateChoice: b.choice, source: 'generated',
          paymentCategories: b.it.old.paymentCategories, dualChannel: b.it.old.dualChannel, renewsAgreementId: b.it.old.id, form: b.form, fixedAgreementId: b.fixedId,
          createdBy: user.id, createdAt: now, updatedAt: now,
        });
        if (!row) continue; // another run generated it first
        await linkRenewal(tx, b.it.itemId, row.id);
        await appendAudit(tx, now, {
          actor: user, action: 'agreement.renew_generate', entityType: 'agreement', entityId: row.id, regionCode: b.it.regionCode,
          after: {
            campaignId: c.id, itemId: b.it.itemId, renews: b.it.old.id, renewsNumber: b.it.old.number, number, form: b.form, fixedAgreementId: b.fixedId,
            term: { from: b.from, to: b.to, cite: cites[0] }, template: `${b.template.code}@${b.template.version}`, textSm3: sm3Hex(text), bulk: true,
          },
        });
        job.generated += 1;
      }
    });
    job.done += page.length;
    job.updatedAt = ctx.clock.now().toISOString();
    await saveGeneration(ctx.db, c.id, job);
    if (page.length < GENERATION_PAGE) break;
  }
  const done: GenerationJob = { ...job, state: 'done', finishedAt: ctx.clock.now().toISOString(), updatedAt: ctx.clock.now().toISOString() };
  await saveGeneration(ctx.db, c.id, done);
  return done;
}
