/**
 * The agreement's binding to the workflow engine (decision 0032): how a step loads the agreement
 * inside the actor's territory, which profile decides, how the next life is saved, which notice a
 * step issues, and the records written in the step's transaction (中止 records, the 解除 record with
 * the persons in office, the registry status from all the institution's agreements, and the
 * cascade of 吉医保规〔2023〕1号 第三十条).
 */
import type { SQL } from 'drizzle-orm';
import { scopeOf } from '../domain/identity/territory';
import { formatCites, type Cite } from '../domain/designation/cite';
import { citesFor } from '../domain/designation/cite';
import { workflowProfileOf } from '../domain/designation/profiles';
import { lifecycleProfileOf } from '../domain/agreement/lifecycle-profile';
import {
  AGREEMENT_CASE, endCauseLabel, registryStatusOf, type AgreementCase, type AgreementContext, type AgreementEvent, type LifeState,
} from '../domain/agreement/lifecycle';
import { CASCADE, ON_REQUEST, SUSPENSION_SITUATIONS, TERMINATION_SITUATIONS, findSituation } from '../domain/agreement/situations';
import { agreementScopeWhere } from '../db/agreement-repo';
import {
  closeSuspensionSql, closeSuspensions, findAgreementForStepIn, findAgreementsWithIssuers, insertTermination, issuerOf, openSuspensionSql, otherLiveAgreements,
  personsInOffice, saveAgreementLife, saveAgreementLifeSql, saveAgreementLives, setRegistryStatusSql, setRegistryStatuses, type AgreementLifeRow,
} from '../db/agreement-life-repo';
import { buildAgreementNotice, type AgreementNoticeKind } from '../documents/build-agreement-notice';
import { agencyShort } from '../documents/numbering';
import type { AppContext } from '../context';
import { caseActorOf, isSystemActor, SYSTEM, type Acting } from '../workflow/actor';
import { runCaseEvent, type CaseBinding, type LoadedCase, type StepInfo } from '../workflow/run-case-event';

export type AgreementBinding = CaseBinding<LifeState, AgreementEvent, AgreementCase, AgreementContext>;

/** What a loaded agreement carries besides the pure case: its row and its issuing agency. */
interface Loaded {
  row: AgreementLifeRow;
  issuer: { orgId: string; name: string; level: string } | null;
}
const extras = new WeakMap<LoadedCase<AgreementCase>, Loaded>();

/** The pure case from the row: its columns plus the `life` JSON (AgreementCase minus the row's own columns). */
export function caseOfRow(row: AgreementLifeRow): AgreementCase {
  const life = (row.life ?? {}) as Partial<AgreementCase>;
  return {
    id: row.id, number: row.number, institutionId: row.institutionId, institutionKind: row.institutionKind,
    publicInstitution: row.ownership === 'public', dualChannel: row.dualChannel, state: row.lifeState ?? 'pending',
    termFrom: row.termFrom, termTo: row.termTo,
    suspension: life.suspension ?? null, suspensionsInTerm: life.suspensionsInTerm ?? 0, request: life.request ?? null,
    proposal: life.proposal ?? null, noRenewalGrounds: life.noRenewalGrounds ?? [], terminated: life.terminated ?? null, ended: life.ended ?? null,
  };
}

/** The `life` JSON of a case (what the row's columns do not hold). */
export function lifeJson(a: AgreementCase) {
  return {
    suspension: a.suspension, suspensionsInTerm: a.suspensionsInTerm, request: a.request, proposal: a.proposal,
    noRenewalGrounds: a.noRenewalGrounds, terminated: a.terminated, ended: a.ended,
  };
}

/** The life an agreement starts with when both parties signed (the domain's). */
export { INITIAL_LIFE } from '../domain/agreement/lifecycle';

export function agreementContextOf(profileId: string | null, actor: Acting, today: string): AgreementContext {
  return { actor: caseActorOf(actor), today, layers: workflowProfileOf(profileId), profile: lifecycleProfileOf(profileId) };
}

const TYPE_CODE: Record<AgreementNoticeKind, string> = {
  suspension_notice: '协中', resumption_notice: '协恢', termination_notice: '协解', ending_notice: '协终',
};

/** The situation of a step in words, with its articles under the profile. */
function situationOf(next: AgreementCase, event: AgreementEvent, ctx: AgreementContext): { label: string; cites: Cite[] } {
  const resolved = (s: { label: string; cites: readonly Cite[] } | undefined) => (s ? { label: s.label, cites: citesFor(ctx.layers, s.cites) } : null);
  if (next.state === 'suspended' && next.suspension) {
    const s = next.suspension;
    if (s.mode === 'cascade') return resolved(CASCADE)!;
    if (s.mode === 'requested') return { label: '定点医药机构申请中止医保协议，经办机构同意', cites: [] };
    return resolved(findSituation(SUSPENSION_SITUATIONS, s.situation ?? '')) ?? { label: s.situation ?? '', cites: [] };
  }
  if (next.state === 'terminated' && next.terminated) {
    const code = next.terminated.situation;
    return resolved(code === ON_REQUEST.code ? ON_REQUEST : code === CASCADE.code ? CASCADE : findSituation(TERMINATION_SITUATIONS, code)) ?? { label: code, cites: [] };
  }
  if (next.state === 'ended' && next.ended) return { label: endCauseLabel[next.ended.cause], cites: [] };
  if (event.type === 'reverse_decision') return { label: `争议处理结果：${event.outcome}（${event.reference}）`, cites: [] };
  return { label: '中止情形消除，经办机构同意恢复履行', cites: [] };
}

function factsOf(event: AgreementEvent, before: AgreementCase): string | null {
  switch (event.type) {
    case 'impose_suspension': case 'terminate': case 'close': return event.facts;
    case 'resume': return event.note;
    case 'request_suspension': case 'request_termination': return event.reason;
    case 'request_takes_effect': return before.request?.reason ?? null;
    case 'cascade': return `该机构在统筹区 ${event.sourceRegion} 的医保协议已被${event.action === 'suspend' ? '中止' : '解除'}`;
    default: return null;
  }
}

/**
 * The binding for one context. `cascaded` collects the agreements a step's cascade moved (the
 * route answers them); a cascade step runs the same binding as the system.
 */
export function agreementBinding(ctx: AppContext, cascaded: { agreementId: string; number: string; regionCode: string }[] = []): AgreementBinding {
  // the deciding agency issues the notice: the acting agency, else the agreement's own (issuerOf's order, read with the row)
  const byOrg = (actor: Acting) => (!isSystemActor(actor) && actor.orgKind === 'agency' ? actor.orgId : null);
  const loadedOf = (row: AgreementLifeRow, o: Awaited<ReturnType<typeof issuerOf>>): LoadedCase<AgreementCase> => {
    const loaded: LoadedCase<AgreementCase> = {
      id: row.id, data: caseOfRow(row), version: row.version, regionCode: row.regionCode, institutionId: row.institutionId,
      issuer: o ? { orgId: o.orgId, short: agencyShort(o.regionName, o.level) } : null,
    };
    extras.set(loaded, { row, issuer: o ? { orgId: o.orgId, name: o.name, level: o.level } : null });
    return loaded;
  };
  /** a step that terminates the agreement writes its 解除 record */
  const terminates = (step: StepInfo<LifeState, AgreementEvent, AgreementCase>) => step.to === 'terminated' && step.from !== 'terminated' && !!step.next.terminated;
  /** 吉医保规〔2023〕1号 第三十条: a prefecture-level agency or above suspends or terminates → the other pooling regions follow */
  const cascadeOf = (step: StepInfo<LifeState, AgreementEvent, AgreementCase>): 'suspend' | 'terminate' | null => {
    const { row, issuer } = extras.get(step.loaded)!;
    const { from, to, event, actor } = step;
    const action = to === 'suspended' && from !== 'suspended' ? 'suspend' : to === 'terminated' && from !== 'terminated' ? 'terminate' : null;
    const level = isSystemActor(actor) ? issuer?.level : actor.orgKind === 'agency' ? actor.orgLevel : null;
    if (!action || event.type === 'cascade' || !lifecycleProfileOf(row.profileId).cascade.value || (level !== 'prefecture' && level !== 'province')) return null;
    return action;
  };
  const binding: AgreementBinding = {
    def: AGREEMENT_CASE,
    entityType: 'agreement',
    notFound: '协议不存在',
    stale: '协议已被他人处理，请刷新后重试',
    async load(db, id, actor) {
      // one read: the row, the issuing agency and the audit chain's head (decision 0036)
      const r = await findAgreementForStepIn(db, id, byOrg(actor), isSystemActor(actor) ? null : scopeOf(actor));
      if (!r) return null;
      const loaded = loadedOf(r.row, r.issuer);
      loaded.head = r.head;
      return loaded;
    },
    async context(_ctx, loaded, actor, today) {
      return agreementContextOf(extras.get(loaded)!.row.profileId, actor, today);
    },
    async save(tx, loaded, next, state, version, now, today) {
      const row = extras.get(loaded)!.row;
      const since = state === row.lifeState ? (row.lifeSince ?? today) : today;
      return saveAgreementLife(tx, loaded.id, loaded.version, { lifeState: state, life: lifeJson(next), lifeSince: since, version, now });
    },
    saveSql(loaded, next, state, version, now, today) {
      const row = extras.get(loaded)!.row;
      const since = state === row.lifeState ? (row.lifeSince ?? today) : today;
      return saveAgreementLifeSql(loaded.id, loaded.version, { lifeState: state, life: lifeJson(next), lifeSince: since, version, now });
    },
    document(kind, { loaded, next, event, today, cites, title }) {
      const { row, issuer } = extras.get(loaded)!;
      const noticeKind = kind as AgreementNoticeKind;
      const actx = agreementContextOf(row.profileId, SYSTEM, today);
      const situation = situationOf(next, event, actx);
      const deadlines: [string, string][] = [];
      if (next.state === 'suspended' && next.suspension) {
        deadlines.push(['中止期限至', next.suspension.maxUntil]);
        if (next.suspension.documentsDueOn) deadlines.push(['资料提供期限', next.suspension.documentsDueOn]);
      }
      const rectification = event.type === 'impose_suspension' ? event.rectification : null;
      return {
        typeCode: TYPE_CODE[noticeKind],
        build: (number: string) => buildAgreementNotice({
          kind: noticeKind, number, title, date: today, agency: { name: issuer?.name ?? '医疗保障经办机构' }, institution: { name: row.institutionName, uscc: row.uscc },
          agreementNumber: row.number, termFrom: row.termFrom, termTo: row.termTo, situation: situation.label, facts: factsOf(event, loaded.data),
          effectiveOn: next.state === 'suspended' && next.suspension ? next.suspension.from : today, rectification, deadlines,
          citations: [...situation.cites, ...cites].map((c) => formatCites([c])),
        }),
      };
    },
    // the 中止 record opened or closed and the registry status from all the institution's agreements, in the step's statement
    alongside(step) {
      const { row } = extras.get(step.loaded)!;
      const { from, to, next, event, today, now, actor } = step;
      const out: SQL[] = [];
      if (to === 'suspended' && from !== 'suspended' && next.suspension) {
        const s = next.suspension;
        out.push(openSuspensionSql({
          agreementId: row.id, institutionId: row.institutionId, regionCode: row.regionCode, mode: s.mode, situation: s.situation,
          facts: factsOf(event, step.loaded.data), rectification: s.rectification, fromOn: s.from, maxUntil: s.maxUntil, decidedBy: isSystemActor(actor) ? null : actor.id, createdAt: now,
        }));
      }
      if (from === 'suspended' && to !== 'suspended') out.push(closeSuspensionSql(row.id, to === 'in_force' ? 'resumed' : 'ended', today));
      if (from !== to) out.push(setRegistryStatusSql(row.institutionId, registryStatusOf, now));
      return out;
    },
    // `within` writes only for a 解除 (its record) and for a suspension or termination that cascades: any other step's
    // last statement carries the COMMIT (decision 0058)
    withinFor: (step) => terminates(step) || cascadeOf(step) !== null,
    async within(tx, step) {
      const { row } = extras.get(step.loaded)!;
      const { next, now } = step;
      if (terminates(step) && next.terminated) {
        const t = next.terminated;
        const cause = t.onRequest ? 'on_request' : t.situation === CASCADE.code ? 'cascade' : t.seriousness === 'serious' ? 'violation' : 'breach';
        await insertTermination(tx, {
          institutionId: row.institutionId, terminatedOn: t.on, category: t.seriousness, decisionNo: step.documents[0]?.number ?? null,
          agreementId: row.id, situation: t.situation, cause, regionCode: row.regionCode, source: 'lifecycle',
          persons: await personsInOffice(tx, row.institutionId, t.on), createdAt: now,
        });
      }
      const action = cascadeOf(step);
      if (!action) return;
      for (const other of await otherLiveAgreements(tx, row.institutionId, row.id, row.regionCode)) {
        if (action === 'suspend' && other.lifeState !== 'in_force') continue;
        await runCaseEvent(ctx, binding, SYSTEM, other.id, { type: 'cascade', action, sourceAgreementId: row.id, sourceRegion: row.regionCode }, other.version, {
          tx, reason: `随统筹区 ${row.regionCode} 的医保协议（${row.number}）同时${action === 'suspend' ? '中止' : '解除'}`,
        });
        cascaded.push({ agreementId: other.id, number: other.number, regionCode: other.regionCode });
      }
    },
    // the sweep's batch (runCaseEvents): the same reads and writes as load / save / within, for many agreements at once
    batch: {
      async loadMany(db, ids, actor) {
        const rows = await findAgreementsWithIssuers(db, ids, byOrg(actor),
          isSystemActor(actor) ? undefined : agreementScopeWhere(scopeOf(actor)));
        return new Map(rows.map((r) => [r.row.id, loadedOf(r.row, r.issuer)]));
      },
      async saveMany(tx, steps, now, today) {
        return saveAgreementLives(tx, steps.map(({ loaded, next, state, version }) => {
          const row = extras.get(loaded)!.row;
          return { id: loaded.id, expectedVersion: loaded.version, lifeState: state, life: lifeJson(next), lifeSince: state === row.lifeState ? (row.lifeSince ?? today) : today, version };
        }), now);
      },
      // covers the steps whose `within` is at most the closing of a 中止 record and the registry status:
      // a step that opens a 中止 or writes a 解除 record (and may cascade) runs alone
      covers: ({ from, to }) => !(to === 'suspended' && from !== 'suspended') && !(to === 'terminated' && from !== 'terminated'),
      async withinMany(tx, steps) {
        const today = steps[0]?.today ?? '';
        const now = steps[0]?.now ?? new Date();
        const closing = steps.filter((s) => s.from === 'suspended' && s.to !== 'suspended');
        await closeSuspensions(tx, closing.filter((s) => s.to === 'in_force').map((s) => s.loaded.id), 'resumed', today);
        await closeSuspensions(tx, closing.filter((s) => s.to !== 'in_force').map((s) => s.loaded.id), 'ended', today);
        await setRegistryStatuses(tx, steps.filter((s) => s.from !== s.to).map((s) => extras.get(s.loaded)!.row.institutionId), registryStatusOf, now);
      },
    },
  };
  return binding;
}
