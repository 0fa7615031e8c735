/**
 * The renewal screening's facts for a page of agreements (issue #11, decision 0037), in a fixed
 * handful of statements per page whatever its size: the agreements with their institution and life,
 * the institutions' licences, their undecided major change requests, their first term, their imported
 * indicators (settlement, 追溯码, 医保码, 挂证, 双通道, 阴阳价格, address checks, yearly 绩效考核结果: decisions 0040, 0056). Sources
 * the system does not hold yet (audits) or an institution's indicators not imported are
 * 无数据 with the reason — never a default that would let a rule pass.
 */
import { and, eq, inArray, min, sql, type Column } from 'drizzle-orm';
import type { Db, Tx } from './client';
import { agreements, changeRequests, institutions, licences } from './schema/index';
import { known, noData, type Fact, type RenewalFacts } from '../domain/renewal-screening/facts';
import type { AgreementCase } from '../domain/agreement/lifecycle';
import type { InstitutionKind } from '../domain/registry/enums';
import { indicatorFacts } from '../domain/indicators/facts';
import { indicatorsOf } from './indicators-repo';

const OPEN_CHANGE = ['submitted', 'forwarded'] as const;

/** `col = ANY($1::uuid[])`: one parameter for a page of 2 000 ids, not 2 000 (parse and plan once, cheaply) */
const anyUuid = (col: Column, ids: readonly string[]) => sql`${col} = ANY(${sql.param([...ids])}::uuid[])`;

export async function renewalFactsOf(db: Db | Tx, agreementIds: readonly string[]): Promise<Map<string, RenewalFacts>> {
  const out = new Map<string, RenewalFacts>();
  if (!agreementIds.length) return out;
  const rows = await db
    .select({
      id: agreements.id, institutionId: agreements.institutionId, regionCode: agreements.regionCode, termTo: agreements.termTo, dualChannel: agreements.dualChannel,
      lifeState: agreements.lifeState, life: agreements.life, source: agreements.source, name: institutions.name, kind: institutions.kind,
    })
    .from(agreements)
    .innerJoin(institutions, eq(institutions.id, agreements.institutionId))
    .where(anyUuid(agreements.id, agreementIds));
  const instIds = [...new Set(rows.map((r) => r.institutionId))];
  // one after the other: a transaction is one connection, and pg queues concurrent queries on it anyway
  const lic = await db.select({ institutionId: licences.institutionId, validTo: licences.validTo }).from(licences).where(anyUuid(licences.institutionId, instIds));
  const changes = await db.select({ institutionId: changeRequests.institutionId, n: sql<number>`count(*)::int` }).from(changeRequests)
    .where(and(anyUuid(changeRequests.institutionId, instIds), eq(changeRequests.kind, 'major'), inArray(changeRequests.state, [...OPEN_CHANGE])))
    .groupBy(changeRequests.institutionId);
  const firsts = await db.select({ institutionId: agreements.institutionId, first: min(agreements.termFrom) }).from(agreements)
    .where(and(anyUuid(agreements.institutionId, instIds), sql`${agreements.status} = 'signed'`)).groupBy(agreements.institutionId);
  const indicators = await indicatorsOf(db, instIds);
  const licOf = new Map<string, (string | null)[]>();
  for (const l of lic) licOf.set(l.institutionId, [...(licOf.get(l.institutionId) ?? []), l.validTo ? String(l.validTo) : null]);
  const changing = new Set(changes.filter((c) => c.n > 0).map((c) => c.institutionId));
  const firstOf = new Map(firsts.map((f) => [f.institutionId, f.first ? String(f.first) : null]));
  for (const r of rows) {
    const life = (r.life ?? {}) as Partial<AgreementCase>;
    const ls = licOf.get(r.institutionId);
    const licencesFact: Fact<{ revoked: boolean; earliestValidTo: string | null }> = ls
      ? known({ revoked: false, earliestValidTo: ls.filter((x): x is string => !!x).sort()[0] ?? null }, '机构登记证照')
      : noData('机构登记中无证照信息');
    out.set(r.id, {
      agreementId: r.id, institutionId: r.institutionId, institutionName: r.name, institutionKind: r.kind as InstitutionKind, regionCode: r.regionCode,
      termTo: String(r.termTo), dualChannel: r.dualChannel, lifeState: r.lifeState ?? 'pending',
      suspension: life.suspension ? { mode: life.suspension.mode, from: life.suspension.from, maxUntil: life.suspension.maxUntil, resumptionRequestedOn: life.suspension.resumptionRequestedOn } : null,
      terminationRequested: life.request?.kind === 'terminate' || life.terminated?.onRequest === true,
      noRenewalGrounds: (life.noRenewalGrounds ?? []).map((g) => ({ code: g.code, since: g.since })),
      suspensionsInTerm: life.suspensionsInTerm ?? 0, terminationProposed: !!life.proposal,
      source: r.source, designatedSince: firstOf.get(r.institutionId) ?? null,
      pendingMajorChange: known(changing.has(r.institutionId), '变更申请'),
      licences: licencesFact,
      unexecutedDecisions: noData('稽核及处理决定尚未纳入本系统'),
      conditionsMet: noData('未复核定点条件'),
      coachingUnrectified: noData('未记录政策辅导期整改情况'),
      ...indicatorFacts(indicators.get(r.institutionId) ?? []),
      manualFlags: [],
    });
  }
  return out;
}
