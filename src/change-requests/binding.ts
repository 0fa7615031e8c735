/**
 * The change request's binding to the engine (decision 0032): its row, its context (the profile,
 * calendar-computed due dates, the registry facts the guards read), its version-checked write, its
 * 变更确认通知书 and its own writes in the step's transaction (the registry on approval / apply).
 */
import { eq } from 'drizzle-orm';
import type { AppContext } from '../context';
import type { CaseBinding, LoadedCase } from '../workflow/run-case-event';
import { caseActorOf, isSystemActor, type Acting } from '../workflow/actor';
import { CHANGE_CASE, filingDueOf, type ChangeContext, type ChangeEvent, type ChangeRequestCase, type ChangeState } from '../domain/change-request/change-case';
import { changeProfileOf } from '../domain/change-request/fields';
import { scopeOf } from '../domain/identity/territory';
import { formatCites } from '../domain/designation/cite';
import { workflowProfileFor, } from '../designation/build-context';
import { agencyShort } from '../documents/numbering';
import { loadWorkCalendar } from '../db/calendar-repo';
import { provinceProfileOf } from '../db/region-repo';
import { appendAudit } from '../db/audit-repo';
import { applyChangesToRegistry, approvedWithDocument, filesOf, findChangeRequest, nationalCodeHolderNamed, saveChangeRequest } from '../db/change-request-repo';
import { institutions, organizations, regions } from '../db/schema/index';
import { buildChangeConfirmation } from '../documents/build-change-confirmation';
import { valueLabel } from './values';
import { changeFieldLabel } from '../domain/change-request/fields';

/** The policy profile id of a region's province (the layers and the change rules follow it). */
export async function profileIdOf(ctx: AppContext, regionCode: string): Promise<string> {
  return (await provinceProfileOf(ctx.db, regionCode)) ?? 'national';
}

/** The names a 变更确认通知书 prints come with the step (the binding's `document` is synchronous). */
export interface DocumentNames {
  agency: string;
  institution: string;
}

export const changeBinding = (names: DocumentNames): CaseBinding<ChangeState, ChangeEvent, ChangeRequestCase, ChangeContext> => ({
  def: CHANGE_CASE,
  entityType: 'change_request',
  notFound: '变更申请不存在',
  stale: '变更申请已被他人处理，请刷新后重试',
  async load(db, id, actor) {
    const row = await findChangeRequest(db, id, isSystemActor(actor) ? null : scopeOf(actor));
    if (!row) return null;
    let issuer: LoadedCase<ChangeRequestCase>['issuer'] = null;
    if (!isSystemActor(actor) && actor.orgKind === 'agency') {
      const [o] = await db.select({ id: organizations.id, level: organizations.level, regionName: regions.name })
        .from(organizations).leftJoin(regions, eq(regions.code, organizations.regionCode)).where(eq(organizations.id, actor.orgId));
      if (o) issuer = { orgId: o.id, short: agencyShort(o.regionName, o.level) };
    }
    return { id: row.id, data: row.data as ChangeRequestCase, version: row.version, regionCode: row.regionCode, institutionId: row.institutionId, issuer };
  },
  async context(ctx, loaded, actor, today) {
    const profileId = await profileIdOf(ctx, loaded.regionCode);
    const profile = changeProfileOf(profileId);
    const calendar = await loadWorkCalendar(ctx.db);
    const c = loaded.data;
    const newName = c.changes.find((x) => x.field === 'name')?.to;
    const cityPrefix = loaded.regionCode.slice(0, 4);
    return {
      actor: caseActorOf(actor), today, layers: workflowProfileFor(profileId), profile,
      filingDue: c.approvalDate ? filingDueOf(calendar, profile, c.approvalDate) : null,
      handlingDue: profile.handlingWorkdays.value !== null ? calendar.addWorkdays(today, profile.handlingWorkdays.value).due : null,
      collision: newName && profile.nationalCodeCollision.value ? await nationalCodeHolderNamed(ctx.db, newName, cityPrefix, c.institutionId) : null,
      alreadyRecognised: c.approvalDocNo && profile.mutualRecognition.value.length > 0 ? await approvedWithDocument(ctx.db, c.institutionId, c.approvalDocNo, c.id) : null,
      fileCount: (await filesOf(ctx.db, loaded.id)).length,
    };
  },
  save: (tx, loaded, next, state, version, now) => saveChangeRequest(tx, loaded.id, next, state, loaded.version, version, now),
  document(_kind, { next, today, cites }) {
    return {
      typeCode: '变',
      build: (number) => buildChangeConfirmation({
        number, date: today, agency: { name: names.agency },
        institution: { name: names.institution },
        submittedOn: next.submittedOn ?? today, approvalDocNo: next.approvalDocNo, approvalDate: next.approvalDate,
        changes: next.changes.map((x) => ({ label: changeFieldLabel[x.field], from: valueLabel(x.field, x.from), to: valueLabel(x.field, x.to, x.person) })),
        late: next.late ? { citation: formatCites(next.lateCites) } : null,
        recognition: next.recognition ? { by: next.recognition.by, citation: formatCites(next.recognition.cites) } : null,
        citations: cites.map((c) => formatCites([c])),
      }),
    };
  },
  async within(tx, step) {
    if (step.to !== 'approved' && step.to !== 'applied') return;
    if (step.from === step.to) return;
    const effectiveOn = step.next.approvalDate ?? step.today;
    await applyChangesToRegistry(tx, step.next.institutionId, step.next.changes, effectiveOn, step.now);
    await appendAudit(tx, step.now, {
      actor: isSystemActor(step.actor) ? null : { id: step.actor.id, orgId: step.actor.orgId },
      action: 'institution.change_applied', entityType: 'institution', entityId: step.next.institutionId, regionCode: step.loaded.regionCode,
      before: { changes: step.next.changes.map((x) => ({ field: x.field, value: x.from })) },
      after: { changeRequestId: step.loaded.id, effectiveOn, changes: step.next.changes.map((x) => ({ field: x.field, value: x.to, idNumber: x.person?.idNumber })) },
      reason: null,
    });
  },
});

export async function namesFor(ctx: AppContext, actor: Acting, institutionId: string): Promise<DocumentNames> {
  const [inst] = await ctx.db.select({ name: institutions.name }).from(institutions).where(eq(institutions.id, institutionId));
  const agency = isSystemActor(actor) ? '医疗保障经办机构' : actor.orgName;
  return { agency, institution: inst?.name ?? '' };
}
