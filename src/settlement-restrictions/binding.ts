/**
 * The settlement restriction's binding to the engine (decisions 0032, 0035): its row (read inside
 * the actor's territory), its context (the profile's citation layers, the agreement's life state),
 * its version-checked write and its 暂停医保结算通知书 (the same document model and renderers as the
 * agreement notices).
 */
import type { CaseBinding, LoadedCase } from '../workflow/run-case-event';
import { caseActorOf, isSystemActor } from '../workflow/actor';
import {
  RESTRICTION_CASE, targetLabel, type RestrictionCase, type RestrictionContext, type RestrictionEvent, type RestrictionState,
} from '../domain/settlement-restriction/restriction-case';
import { scopeOf } from '../domain/identity/territory';
import { formatCites } from '../domain/designation/cite';
import { workflowProfileOf } from '../domain/designation/profiles';
import { agencyShort } from '../documents/numbering';
import { findAgreementLife, findAgreementsWithIssuers, issuerOf, type AgreementLifeRow } from '../db/agreement-life-repo';
import { findRestriction, findRestrictions, saveRestriction, saveRestrictions, type RestrictionRow } from '../db/restriction-repo';
import type { Acting } from '../workflow/actor';
import { buildSettlementNotice } from '../documents/build-settlement-notice';

export type RestrictionBinding = CaseBinding<RestrictionState, RestrictionEvent, RestrictionCase, RestrictionContext>;

interface Extra { agreement: AgreementLifeRow; issuerName: string }

export function restrictionBinding(): RestrictionBinding {
  const extras = new WeakMap<LoadedCase<RestrictionCase>, Extra>();
  const byActorOf = (actor: Acting) => (!isSystemActor(actor) && actor.orgKind === 'agency' ? actor.orgId : null);
  type Issuer = { orgId: string; name: string; level: string; regionName: string | null } | null;
  const loadedOf = (row: RestrictionRow, agreement: AgreementLifeRow, o: Issuer): LoadedCase<RestrictionCase> => {
    const loaded: LoadedCase<RestrictionCase> = {
      id: row.id, data: row.data as RestrictionCase, version: row.version, regionCode: row.regionCode, institutionId: row.institutionId,
      issuer: o ? { orgId: o.orgId, short: agencyShort(o.regionName, o.level) } : null,
    };
    extras.set(loaded, { agreement, issuerName: o?.name ?? '医疗保障经办机构' });
    return loaded;
  };
  return {
    def: RESTRICTION_CASE,
    entityType: 'settlement_restriction',
    notFound: '人员/科室结算限制不存在',
    stale: '该结算限制已被他人处理，请刷新后重试',
    async load(db, id, actor) {
      const row = await findRestriction(db, id, isSystemActor(actor) ? null : scopeOf(actor));
      if (!row) return null;
      const agreement = await findAgreementLife(db, row.agreementId);
      if (!agreement) return null;
      return loadedOf(row, agreement, await issuerOf(db, byActorOf(actor) ?? agreement.agencyOrgId, row.regionCode));
    },
    async context(_ctx, loaded, actor, today) {
      const { agreement } = extras.get(loaded)!;
      return { actor: caseActorOf(actor), today, layers: workflowProfileOf(agreement.profileId), agreementState: agreement.lifeState };
    },
    save: (tx, loaded, next, state, version, now) => saveRestriction(tx, loaded.id, next, state, loaded.version, version, now),
    // the sweep's batch (runCaseEvents; decision 0042): the 期满恢复 of many restrictions — one read of the rows,
    // one UPDATE … FROM (VALUES …); a step that issues a notice (中止 / 终止 by an officer) never comes this way
    batch: {
      async loadMany(db, ids, actor) {
        const rows = await findRestrictions(db, ids, isSystemActor(actor) ? null : scopeOf(actor));
        const ags = new Map((await findAgreementsWithIssuers(db, [...new Set(rows.map((r) => r.agreementId))], byActorOf(actor))).map((a) => [a.row.id, a]));
        const out = new Map<string, LoadedCase<RestrictionCase>>();
        for (const row of rows) {
          const a = ags.get(row.agreementId);
          if (a) out.set(row.id, loadedOf(row, a.row, a.issuer));
        }
        return out;
      },
      saveMany: (tx, steps, now) => saveRestrictions(tx, steps.map((s) => ({ id: s.loaded.id, next: s.next, state: s.state, expected: s.loaded.version, version: s.version })), now),
      withinMany: async () => {},
      covers: ({ event }) => event.type === 'lapse',
    },
    document(_kind, { loaded, next, event, today, cites }) {
      const { agreement, issuerName } = extras.get(loaded)!;
      const terminate = event.type === 'terminate';
      return {
        typeCode: '暂结',
        build: (number) => buildSettlementNotice({
          number, date: today, agency: { name: issuerName }, institution: { name: agreement.institutionName, uscc: agreement.uscc },
          agreementNumber: agreement.number, target: targetLabel(next.target), mode: terminate ? 'terminate' : 'suspend',
          fromOn: terminate ? today : next.fromOn, untilOn: terminate ? null : next.untilOn,
          reason: terminate ? `${next.reason}\n${next.endReason ?? ''}`.trim() : next.reason,
          citations: cites.map((c) => formatCites([c])),
        }),
      };
    },
  };
}
