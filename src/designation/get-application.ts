/**
 * Read side of the pipeline: the work queue and one application's full view (state and label,
 * deadlines with citations and remaining 工作日, documents, materials, history from the audit
 * log, and the steps the current user may take now).
 */
import { and, asc, eq } from 'drizzle-orm';
import type { AppContext } from '../context';
import type { SessionUser } from '../domain/identity/roles';
import { chinaDate } from '../domain/clock/clock';
import { TABLE } from '../domain/designation/table';
import { DEADLINES, type DeadlineId } from '../domain/designation/deadlines';
import { eventLabel, stateLabel, type EventType, type State } from '../domain/designation/states';
import type { Application } from '../domain/designation/application';
import { OFFERED_ONLY_WHEN } from '../domain/designation/guards';
import { stepBasis } from '../domain/designation/step-basis';
import { formatCites } from '../domain/designation/cite';
import { materialFactsOf, materialListOf } from './application-materials';
import { loadLocalLayer } from '../db/local-parameters-repo';
import { loadRegionStandards } from '../db/region-standards-repo';
import { standardInForce, standardsBasis } from '../domain/policy/standards';
import type { LocalValue } from '../domain/policy/resolve';
import { auditLog, institutions, users } from '../db/schema/index';
import type { ApplicationRow, Declaration } from '../db/designation-repo';
import { deadlinesOf } from '../db/deadline-repo';
import { documentsOf } from '../db/document-repo';
import { agreementOfApplication } from '../db/agreement-repo';
import { materialsOf } from '../db/upload-repo';
import { loadWorkCalendar } from '../db/calendar-repo';
import { actingRole, actorFor, agencyLevelOf, workflowProfileFor } from './build-context';
import { blockedNow } from '../domain/designation/dry-run';
import { profileParams } from '../domain/designation/profiles';
import { conditionResultLabel, effectiveResult } from '../domain/designation/conditions';
import { findConditionCheck, type StoredConditionCheck } from '../db/condition-check-repo';
import { SHEETS } from '../domain/designation/sheets';
import type { TransitionContext } from '../domain/designation/context';
import { loadApplicationFor } from './run-event';

/**
 * Events the user may take now: rows from the current state naming one of the user's roles (and
 * their agency level), less the steps this application does not have (OFFERED_ONLY_WHEN), less the
 * steps whose payload-free guards fail today (`blockedNow`, decision 0020). Without a context
 * (`base`) only the table is read.
 */
export function allowedEvents(
  user: SessionUser, state: State, profileId: string, app?: Application, base?: Omit<TransitionContext, 'actor'>,
): { event: EventType; label: string; basis: string }[] {
  const profile = workflowProfileFor(profileId);
  const level = agencyLevelOf(user);
  const out = new Map<EventType, string>();
  for (const row of TABLE) {
    if (row.from !== state || out.has(row.event)) continue;
    const role = actingRole(user, state, row.event);
    if (!row.roles.includes(role)) continue;
    const levels = row.stage ? profile.stageAgency.value[row.stage] : undefined;
    if (levels && !(level && levels.includes(level))) continue;
    const offered = OFFERED_ONLY_WHEN[row.event];
    if (offered && app && !offered(app)) continue;
    if (app && base && blockedNow(app, row.event, { ...base, actor: actorFor(user, state, row.event) }) !== null) continue;
    out.set(row.event, eventLabel[row.event]);
  }
  // each step with its basis under this profile, for the step's dialog (never another region's article)
  return [...out].map(([event, label]) => ({ event, label, basis: stepBasis(profile, state, event) }));
}

const whoSigns = { institution: '医药机构法定代表人或其授权委托人', agency: '经办机构负责人' };

/**
 * At 待签署 (云医保〔2022〕6号 第十八条): for each party, whether it has signed (who, when) and, if not,
 * who signs and where — both sign the agreement on the 「服务协议」 tab.
 */
function signingStatus(app: Application) {
  if (app.state !== 'signing') return null;
  const ag = app.agreement;
  const party = (side: 'institution' | 'agency') => {
    const s = side === 'institution' ? ag.institutionSignature : ag.agencySignature;
    return {
      signed: !!s, signer: s?.signer ?? null, on: s?.on ?? null,
      who: whoSigns[side],
      where: s ? `已于 ${s.on} 由 ${s.signer} 签署` : `待${whoSigns[side]}在「服务协议」页签签署`,
    };
  };
  return { signBy: ag.signBy, institution: party('institution'), agency: party('agency') };
}

/**
 * 自治区医保局〔2025〕征求意见稿 一(一) (decision 0043): the evaluation standard the application's 市/县 published,
 * in force on the day the application was created (the county's own, else its prefecture's) — cited, not scored.
 */
async function evaluationStandardOf(ctx: AppContext, profileId: string, regionCode: string, on: string) {
  const basis = standardsBasis(profileId);
  if (!basis?.kinds.includes('new_designation')) return null;
  const s = standardInForce(await loadRegionStandards(ctx.db, regionCode), 'new_designation', on);
  return s ? { title: s.title, docNo: s.docNo, effectiveFrom: s.effectiveFrom, layer: s.layer, layerLabel: s.layerLabel, citation: `${s.docNo}（${basis.citation}）`, items: s.items, process: s.process } : null;
}

export async function getApplicationView(ctx: AppContext, user: SessionUser, id: string) {
  const row = await loadApplicationFor(ctx, user, id);
  const app = row.data as Application;
  const [inst] = await ctx.db.select({ name: institutions.name, regionCode: institutions.regionCode }).from(institutions).where(eq(institutions.id, row.institutionId));
  const calendar = await loadWorkCalendar(ctx.db);
  const now = ctx.clock.now();
  const wf = workflowProfileFor(row.profileId);
  // the pooling region's layer (decision 0031): its delegated numbers and its material list
  const local = await loadLocalLayer(ctx.db, row.regionCode);
  const base = { profile: wf, today: chinaDate(now), calendar, params: profileParams(wf, chinaDate(now), local), sheets: SHEETS };
  const [dls, docs, mats, history, ag, conditions] = await Promise.all([
    deadlinesOf(ctx.db, row.id), documentsOf(ctx.db, row.id), materialsOf(ctx.db, row.id),
    ctx.db.select({ seq: auditLog.seq, at: auditLog.at, action: auditLog.action, actorName: users.displayName, before: auditLog.before, after: auditLog.after, reason: auditLog.reason })
      .from(auditLog).leftJoin(users, eq(users.id, auditLog.actorUserId))
      .where(and(eq(auditLog.entityType, 'application'), eq(auditLog.entityId, row.id))).orderBy(asc(auditLog.seq)),
    agreementOfApplication(ctx.db, row.id),
    findConditionCheck(ctx.db, row.id),
  ]);
  // one agreement, one number: the signed agreement itself is the 文书 (its id serves its PDF/DOCX), never a second record
  const agreementDoc = ag?.status === 'signed'
    ? [{ id: ag.id, kind: 'agreement', number: ag.number, title: (ag.model as { title?: string }).title ?? '医疗保障服务协议', issuedAt: ag.updatedAt.toISOString() }]
    : [];
  return {
    id: row.id, applicationNo: row.applicationNo, institutionId: row.institutionId, institutionName: inst?.name ?? '', kind: row.kind, regionCode: row.regionCode,
    profileId: row.profileId, workflowProfile: workflowProfileFor(row.profileId).name,
    state: row.state, stateLabel: stateLabel[row.state as State] ?? row.state, version: row.version,
    data: app as unknown as Record<string, unknown>, declaration: row.declaration as Declaration,
    createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString(), submittedAt: row.submittedAt?.toISOString() ?? null,
    deadlines: dls.map((d) => {
      const left = d.state === 'open' && !d.pausedSince ? calendar.remaining(now, d.dueOn) : null;
      return {
        id: d.id, deadline: d.deadline, label: DEADLINES[d.deadline as DeadlineId]?.label ?? d.deadline, basis: d.basis, n: d.n,
        startsOn: d.startsOn, dueOn: d.dueOn, warnOn: d.warnOn, provisional: d.provisional, pausedSince: d.pausedSince, state: d.state,
        cites: (d.cites as string[]) ?? [], remainingWorkdays: left ? left.workdays : null, overdue: left ? left.overdue : false,
        flaggedOn: d.flaggedOn,
      };
    }),
    documents: [...docs.map((d) => ({ id: d.id, kind: d.kind, number: d.number, title: d.title, issuedAt: d.issuedAt.toISOString() })), ...agreementDoc]
      .sort((x, y) => x.issuedAt.localeCompare(y.issuedAt)),
    materials: mats.map((m) => ({ id: m.id, itemKey: m.itemKey, fileName: m.fileName, mime: m.mime, size: m.size, sha256: m.sha256, at: m.at.toISOString() })),
    history: history.map((h) => ({
      seq: h.seq, at: h.at.toISOString(), action: h.action, actorName: h.actorName ?? '系统',
      fromState: (h.before as { state?: string } | null)?.state ?? null, toState: (h.after as { state?: string } | null)?.state ?? null,
      reason: h.reason,
    })),
    // the dry run sees the uploads too, so that 受理 is offered only with complete materials
    allowedEvents: allowedEvents(user, row.state as State, row.profileId, app, { ...base, materials: materialFactsOf(materialListOf(row, local), mats.map((m) => m.itemKey)), conditions }),
    conditions: conditionsView(conditions),
    evaluationStandard: await evaluationStandardOf(ctx, row.profileId, row.regionCode, chinaDate(row.createdAt)),
    signing: signingStatus(app),
    inspectionChecklist: inspectionChecklistOf(row.profileId),
  };
}

/** The basic conditions as the officer reads them: every rule with article, automatic result, reason and finding (decision 0023). */
function conditionsView(c: StoredConditionCheck | null) {
  if (!c) return null;
  return {
    version: c.version, asOf: c.asOf, rulesetVersion: c.rulesetVersion, checkedAt: c.checkedAt.toISOString(),
    rows: c.rows.map((r) => {
      const { result, finding } = effectiveResult(c, r);
      return {
        ruleId: r.ruleId, title: r.title, citation: r.citation, result: r.result, resultLabel: conditionResultLabel[r.result], reason: r.reason,
        finding: finding ? { met: finding.met, note: finding.note, by: finding.by, on: finding.on } : null,
        effective: result, effectiveLabel: conditionResultLabel[result],
      };
    }),
  };
}

/** The profile's inspection checklist for the forms (云医保〔2022〕6号 第十三条), or null where the record is free text. */
function inspectionChecklistOf(profileId: string) {
  const c = workflowProfileFor(profileId).inspectionChecklist;
  return c.value ? { items: c.value.map((i) => ({ id: i.id, label: i.label })), citation: formatCites(c.cites) } : null;
}

/**
 * The material list of an application (application-materials.ts), each item marked required and
 * uploaded or not, and the required items still without a file (what 受理 waits for).
 */
export async function requiredMaterials(ctx: AppContext, user: SessionUser, id: string) {
  const row = await loadApplicationFor(ctx, user, id);
  return materialStatus(row, await materialsOf(ctx.db, row.id), await loadLocalLayer(ctx.db, row.regionCode));
}

export function materialStatus(
  row: Pick<ApplicationRow, 'profileId' | 'kind' | 'createdAt' | 'data'>, uploaded: readonly { id: string; itemKey: string; fileName: string }[], local: readonly LocalValue[] = [],
) {
  const items = materialListOf(row, local).map((m) => ({
    id: m.id, label: m.label, citation: m.citation, ruleId: m.ruleId, required: m.required,
    uploaded: uploaded.filter((u) => u.itemKey === m.id).map((u) => ({ id: u.id, fileName: u.fileName })),
  }));
  return {
    profileId: row.profileId,
    items,
    missing: items.filter((i) => i.required && i.uploaded.length === 0).map((i) => ({ id: i.id, label: i.label })),
  };
}
