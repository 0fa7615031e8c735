/**
 * The workflow engine (decision 0032): one step of any case type, in the four beats —
 * 1. access: the binding loads the case inside the actor's territory (404 outside, existence not revealed);
 * 2. pure transition: stale version → 409 STALE_VERSION; `decide(def, data, event, ctx)` refuses with
 *    ILLEGAL_TRANSITION (409), FORBIDDEN (403, naming who may) or GUARD_FAILED (422, every rule that
 *    fired with its article);
 * 3. one transaction: the version-checked write of the next data (0 rows → 409 STALE_VERSION), the
 *    deadline rows, the numbered documents, the outbox facts, one audit row, then the case type's
 *    own writes (`within`: records, the registry status, a cascade) — all or nothing;
 * 4. the answer: the next data, its effects, documents and outbox ids.
 * A case type brings its pure definition (src/domain/<case>/) and a binding (its row, its context,
 * its documents); the engine never knows which case it runs.
 */
import { AppError } from '../domain/errors';
import { chinaDate } from '../domain/clock/clock';
import { decide, type CaseContext, type CaseDefinition, type CaseEffect } from '../domain/workflow/case-type';
import { formatCites, type Cite } from '../domain/designation/cite';
import type { AppContext } from '../context';
import type { Db, Tx } from '../db/client';
import { appendAudit, isChainRace } from '../db/audit-repo';
import { applyCaseDeadlines } from '../db/case-deadline-repo';
import { insertOutbox } from '../db/outbox-repo';
import { nextSerial, type DocumentRow } from '../db/document-repo';
import { documents as documentsTable } from '../db/schema/index';
import { formatDocumentNumber } from '../documents/numbering';
import type { DocumentModel } from '../documents/model';
import { isSystemActor, type Acting } from './actor';

/** A case as its binding loaded it: the pure data plus what the engine needs around it. */
export interface LoadedCase<D> {
  id: string;
  data: D;
  version: number;
  regionCode: string;
  institutionId: string | null;
  /** the agency that issues the case's documents (机关代字 and counter) */
  issuer: { orgId: string; short: string } | null;
}

export interface StepInfo<S extends string, E, D> {
  loaded: LoadedCase<D>;
  event: E;
  from: S;
  to: S;
  next: D;
  version: number;
  effects: CaseEffect[];
  cites: Cite[];
  documents: DocumentRow[];
  today: string;
  now: Date;
  actor: Acting;
}

export interface CaseBinding<S extends string, E extends { type: string }, D, C extends CaseContext> {
  def: CaseDefinition<S, E, D, C>;
  /** the audit chain's entity type ('agreement', 'change_request', …) */
  entityType: string;
  /** 「协议不存在」 */
  notFound: string;
  /** 「协议已被他人处理，请刷新后重试」 */
  stale: string;
  load: (db: Db | Tx, id: string, actor: Acting) => Promise<LoadedCase<D> | null>;
  context: (ctx: AppContext, loaded: LoadedCase<D>, actor: Acting, today: string) => Promise<C>;
  /** the version-checked write; false when the version moved */
  save: (tx: Tx, loaded: LoadedCase<D>, next: D, state: S, version: number, now: Date, today: string) => Promise<boolean>;
  /** the document an issue_document effect produces, once the engine numbered it */
  document?: (kind: string, args: { loaded: LoadedCase<D>; next: D; event: E; number: string; today: string; cites: Cite[]; title: string }) => { typeCode: string; build: (number: string) => DocumentModel };
  /** the case type's own writes in the step's transaction (records, the registry status, a cascade) */
  within?: (tx: Tx, step: StepInfo<S, E, D>) => Promise<void>;
}

export interface CaseStepResult<S extends string, D> {
  data: D;
  state: S;
  version: number;
  effects: CaseEffect[];
  documents: DocumentRow[];
  outbox: number[];
}

export async function runCaseEvent<S extends string, E extends { type: string }, D, C extends CaseContext>(
  ctx: AppContext,
  binding: CaseBinding<S, E, D, C>,
  actor: Acting,
  caseId: string,
  event: E,
  expectedVersion: number,
  opts: { auditExtra?: Record<string, unknown>; reason?: string; tx?: Tx } = {},
): Promise<CaseStepResult<S, D>> {
  const def = binding.def;
  // 1. access
  const loaded = await binding.load(opts.tx ?? ctx.db, caseId, actor);
  if (!loaded) throw new AppError('NOT_FOUND', binding.notFound);
  if (loaded.version !== expectedVersion) throw new AppError('STALE_VERSION', `${binding.stale}（当前状态为「${def.stateLabel[def.stateOf(loaded.data)]}」，版本 ${loaded.version}）`);
  const now = ctx.clock.now();
  const today = chinaDate(now);
  // 2. pure transition
  const cctx = await binding.context(ctx, loaded, actor, today);
  const d = decide(def, loaded.data, event, cctx);
  if (!d.ok) {
    if (d.code === 'FORBIDDEN') throw new AppError('FORBIDDEN', d.message);
    if (d.code === 'GUARD_FAILED') throw new AppError('RULE_REFUSED', d.message, { reasons: d.reasons });
    throw new AppError('CONFLICT', d.message, { reasons: d.reasons });
  }
  const version = expectedVersion + 1;
  // 3. one transaction
  const step = async (tx: Tx): Promise<CaseStepResult<S, D>> => {
    if (!(await binding.save(tx, loaded, d.next, d.to, version, now, today))) throw new AppError('STALE_VERSION', binding.stale);
    await applyCaseDeadlines(tx, def.caseType, loaded.id, d.effects, today);
    const docs: DocumentRow[] = [];
    for (const e of d.effects) {
      if (e.kind !== 'issue_document' || !binding.document || !loaded.issuer) continue;
      const spec = binding.document(e.document, { loaded, next: d.next, event, number: '', today, cites: e.cites, title: e.title });
      const year = Number(today.slice(0, 4));
      const serial = await nextSerial(tx, loaded.issuer.orgId, spec.typeCode, year);
      const number = formatDocumentNumber({ agencyShort: loaded.issuer.short, typeCode: spec.typeCode, year, serial });
      const model = spec.build(number);
      const [row] = await tx.insert(documentsTable).values({
        caseType: def.caseType, caseId: loaded.id, applicationId: null, kind: e.document, number, title: e.title, model,
        issuedAt: now, issuedBy: isSystemActor(actor) ? null : actor.id, issuerOrgId: loaded.issuer.orgId,
      }).returning();
      docs.push(row!);
    }
    const outbox = await insertOutbox(tx, d.effects.flatMap((e) => (e.kind === 'outbox' ? [{
      topic: e.topic, caseType: def.caseType, caseId: loaded.id, institutionId: loaded.institutionId, regionCode: loaded.regionCode,
      payload: { ...e.payload, regionCode: loaded.regionCode, version, event: event.type },
      idempotencyKey: `${def.caseType}:${loaded.id}:${version}:${e.topic}`, occurredAt: now,
    }] : [])));
    await appendAudit(tx, now, {
      actor: isSystemActor(actor) ? null : { id: actor.id, orgId: actor.orgId },
      action: `${binding.entityType}.${event.type}`, entityType: binding.entityType, entityId: loaded.id, regionCode: loaded.regionCode,
      before: { state: d.from, version: expectedVersion },
      after: {
        state: d.to, version, event, guardsPassed: d.guardsPassed, cites: d.cites.map((c) => formatCites([c])),
        documents: docs.map((x) => x.number), outbox: outbox.length, ...opts.auditExtra,
      },
      reason: opts.reason ?? ('reason' in event && typeof event.reason === 'string' ? event.reason : null),
    });
    const info: StepInfo<S, E, D> = { loaded, event, from: d.from, to: d.to, next: d.next, version, effects: d.effects, cites: d.cites, documents: docs, today, now, actor };
    await binding.within?.(tx, info);
    return { data: d.next, state: d.to, version, effects: d.effects, documents: docs, outbox };
  };
  try {
    return opts.tx ? await step(opts.tx) : await ctx.db.transaction(step);
  } catch (e) {
    if (isChainRace(e)) throw new AppError('STALE_VERSION', binding.stale);
    throw e;
  }
}
