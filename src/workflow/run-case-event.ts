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
 * its documents — or, through `write`, its own write of the step, decision 0055); the engine never
 * knows which case it runs.
 */
import { AppError } from '../domain/errors';
import { chinaDate } from '../domain/clock/clock';
import { decide, type CaseContext, type CaseDefinition, type CaseEffect, type Decision } from '../domain/workflow/case-type';
import { formatCites, type Cite } from '../domain/designation/cite';
import type { AppContext } from '../context';
import { sql, type SQL } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { commitWithNext, prepareNext, rowsOf, type Db, type Tx } from '../db/client';
import { appendAudit, appendAuditMany, auditInsertSql, auditRowAfter, isChainRace, type AuditEvent } from '../db/audit-repo';
import type { ChainHead } from '../domain/audit/chain';
import { applyCaseDeadlines, applyCaseDeadlinesMany, deadlinesBatchable, stopCaseDeadlinesSql } from '../db/case-deadline-repo';
import { insertOutbox, insertOutboxWith } from '../db/outbox-repo';
import { insertDocumentsSql, nextSerial, serialsOf, takeSerialsSql, type DocumentRow, type SerialRequest } from '../db/document-repo';
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
  /**
   * The head of the case's audit chain, when the binding read it with the case (decision 0012's
   * way, decision 0036): the step links its audit row to it and writes it in the statement of its
   * outbox rows, without the advisory lock and the second read; the version-checked save orders the
   * steps of a case, and the unique index refuses a row linked to a head someone else extended
   * meanwhile (→ 409). Without it the engine locks the chain and reads its head in the transaction.
   */
  head?: ChainHead;
}

export interface StepInfo<S extends string, E, D, X extends { kind: string } = CaseEffect> {
  loaded: LoadedCase<D>;
  event: E;
  from: S;
  to: S;
  next: D;
  version: number;
  effects: X[];
  cites: Cite[];
  documents: DocumentRow[];
  today: string;
  now: Date;
  actor: Acting;
}

/** What a binding's `write` and `audit` hooks see of a decided step: the step, the rules that passed and the context that decided. */
export interface DecidedStep<S extends string, E, D, C, X extends { kind: string } = CaseEffect> extends Omit<StepInfo<S, E, D, X>, 'documents'> {
  guardsPassed: string[];
  context: C;
  expectedVersion: number;
}

/**
 * The step's write when the case type does it itself (`CaseBinding.write`): the version-checked save with its
 * deadline rows, documents and the audit row the engine built (`audit(documentNumbers)`, linked after the head
 * read with the case). Answers the documents and the chain's head after the audit row, or null when the
 * version moved (→ 409).
 */
export type CaseWrite<S extends string, E, D, C, X extends { kind: string } = CaseEffect> = (
  db: Db | Tx, step: DecidedStep<S, E, D, C, X>, audit: (documentNumbers: readonly string[]) => AuditEvent,
  /** the write's last statement ends the transaction: nothing follows it, so it may carry the COMMIT (`commitWithNext(db)`, decision 0058) */
  endsTransaction: boolean,
) => Promise<{ documents: DocumentRow[]; head?: ChainHead } | null>;

export interface CaseBinding<S extends string, E extends { type: string }, D, C extends CaseContext, X extends { kind: string } = CaseEffect> {
  def: CaseDefinition<S, E, D, C, X>;
  /** the audit chain's entity type ('agreement', 'change_request', …) */
  entityType: string;
  /** 「协议不存在」 */
  notFound: string;
  /** 「协议已被他人处理，请刷新后重试」 */
  stale: string;
  /** `event`: the step's event, when a step loads more for some events (the parties of a step that issues documents) */
  load: (db: Db | Tx, id: string, actor: Acting, event?: E) => Promise<LoadedCase<D> | null>;
  /** `event`: the step's event, when the context depends on it (the role the actor acts in, facts only one event reads) */
  context: (ctx: AppContext, loaded: LoadedCase<D>, actor: Acting, today: string, event?: E) => Promise<C>;
  /** the version-checked write; false when the version moved (needed unless the binding has `write`) */
  save?: (tx: Tx, loaded: LoadedCase<D>, next: D, state: S, version: number, now: Date, today: string) => Promise<boolean>;
  /**
   * The same write as SQL (`UPDATE … RETURNING` one row when it matched), so that a step issuing documents
   * takes their serials in the same statement (decision 0036); without it the engine calls `save`.
   */
  saveSql?: (loaded: LoadedCase<D>, next: D, state: S, version: number, now: Date, today: string) => SQL;
  /** the document an issue_document effect produces, once the engine numbered it */
  document?: (kind: string, args: { loaded: LoadedCase<D>; next: D; event: E; number: string; today: string; cites: Cite[]; title: string }) => { typeCode: string; build: (number: string) => DocumentModel };
  /**
   * The case type's own writes that need nothing back, as statements ending in `RETURNING 1 AS n`: they go
   * in the statement of the step's outbox and audit rows (when the binding read the head with the case),
   * else run one by one after the audit row; `within` follows either way.
   */
  alongside?: (step: StepInfo<S, E, D, X>) => SQL[];
  /** the case type's own writes in the step's transaction (records, the registry status, a cascade) */
  within?: (tx: Tx, step: StepInfo<S, E, D, X>) => Promise<void>;
  /**
   * Whether `within` has anything to do for this step (default: yes). When it has not, the step's last
   * statement carries the transaction's COMMIT (decision 0058), so it must answer exactly as `within` would act.
   */
  withinFor?: (step: StepInfo<S, E, D, X>) => boolean;
  /**
   * The step's audit row as the case type words it (fields its readers and chains already know), from the
   * engine's (`base`: action '<entityType>.<event>', before/after state and version, the event, guards, documents).
   */
  audit?: (base: AuditEvent, step: DecidedStep<S, E, D, C, X>) => AuditEvent;
  /**
   * The case type writes the step itself (a case whose tables predate the engine's — the designation's deadline
   * rows with their pauses, its documents with the 申请编号): `write` replaces the engine's save, deadline rows,
   * documents and audit row; the engine still loads, checks the version, decides, words the audit row, writes the
   * outbox rows, runs `within` and turns a lost race into 409. Its effects need not be the engine's `CaseEffect`.
   * `single(step)`: the write is one statement that needs no transaction around it (no `within`, no `tx` given).
   */
  write?: CaseWrite<S, E, D, C, X>;
  single?: (step: DecidedStep<S, E, D, C, X>) => boolean;
  /**
   * Set-based hooks for `runCaseEvents` (a sweep's batch; all four or none): load several cases in
   * one read; the version-checked write of several (answers the ids written); `within` for several
   * steps; and which steps they cover (a step they do not — e.g. one that cascades — runs alone).
   * Not for a binding with `write` (the batch writes with the engine's own writers).
   */
  batch?: {
    loadMany: (db: Db | Tx, ids: readonly string[], actor: Acting) => Promise<Map<string, LoadedCase<D>>>;
    saveMany: (tx: Tx, steps: readonly { loaded: LoadedCase<D>; next: D; state: S; version: number }[], now: Date, today: string) => Promise<Set<string>>;
    withinMany: (tx: Tx, steps: readonly StepInfo<S, E, D>[]) => Promise<void>;
    covers: (step: { loaded: LoadedCase<D>; event: E; from: S; to: S }) => boolean;
  };
}

export interface CaseStepResult<S extends string, D, X extends { kind: string } = CaseEffect> {
  data: D;
  state: S;
  version: number;
  effects: X[];
  documents: DocumentRow[];
  outbox: number[];
  /** the head of the case's audit chain after the step's row, when the engine or the binding's `write` knows it */
  head?: ChainHead;
}

type Decided<S extends string, D, X extends { kind: string } = CaseEffect> = Extract<Decision<S, D, X>, { ok: true }>;

/** A value as it comes back from a jsonb column (undefined fields dropped, dates as strings). */
const jsonOf = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** The outbox rows of a step's outbox effects (their key: '<caseType>:<caseId>:<version>:<topic>'). */
function outboxRowsOf<D>(caseType: string, loaded: LoadedCase<D>, event: { type: string }, effects: readonly { kind: string }[], version: number, now: Date) {
  return (effects as readonly CaseEffect[]).flatMap((e) => (e.kind === 'outbox' ? [{
    topic: e.topic, caseType, caseId: loaded.id, institutionId: loaded.institutionId, regionCode: loaded.regionCode,
    payload: { ...e.payload, regionCode: loaded.regionCode, version, event: event.type },
    idempotencyKey: `${caseType}:${loaded.id}:${version}:${e.topic}`, occurredAt: now,
  }] : []));
}

/** The step's one audit row: before/after state and version, the event, guards, citations, documents, outbox count. */
function auditEventOf<S extends string, D, X extends { kind: string }>(
  entityType: string, actor: Acting, loaded: LoadedCase<D>, event: { type: string }, d: Decided<S, D, X>, expectedVersion: number,
  documentNumbers: readonly string[], outboxCount: number, opts: { auditExtra?: Record<string, unknown>; reason?: string },
): AuditEvent {
  return {
    actor: isSystemActor(actor) ? null : { id: actor.id, orgId: actor.orgId },
    action: `${entityType}.${event.type}`, entityType, entityId: loaded.id, regionCode: loaded.regionCode,
    before: { state: d.from, version: expectedVersion },
    after: {
      state: d.to, version: expectedVersion + 1, event, guardsPassed: d.guardsPassed, cites: d.cites.map((c) => formatCites([c])),
      documents: [...documentNumbers], outbox: outboxCount, ...opts.auditExtra,
    },
    reason: opts.reason ?? ('reason' in event && typeof event.reason === 'string' ? event.reason : null),
  };
}

export async function runCaseEvent<S extends string, E extends { type: string }, D, C extends CaseContext, X extends { kind: string } = CaseEffect>(
  ctx: AppContext,
  binding: CaseBinding<S, E, D, C, X>,
  actor: Acting,
  caseId: string,
  event: E,
  expectedVersion: number,
  opts: { auditExtra?: Record<string, unknown>; reason?: string; tx?: Tx } = {},
): Promise<CaseStepResult<S, D, X>> {
  const def = binding.def;
  // 1. access
  const loaded = await binding.load(opts.tx ?? ctx.db, caseId, actor, event);
  if (!loaded) throw new AppError('NOT_FOUND', binding.notFound);
  if (loaded.version !== expectedVersion) throw new AppError('STALE_VERSION', `${binding.stale}（当前状态为「${def.stateLabel[def.stateOf(loaded.data)]}」，版本 ${loaded.version}）`);
  const now = ctx.clock.now();
  const today = chinaDate(now);
  // 2. pure transition
  const cctx = await binding.context(ctx, loaded, actor, today, event);
  const d = decide(def, loaded.data, event, cctx);
  if (!d.ok) {
    if (d.code === 'FORBIDDEN') throw new AppError('FORBIDDEN', d.message);
    if (d.code === 'GUARD_FAILED') throw new AppError('RULE_REFUSED', d.message, { reasons: d.reasons });
    throw new AppError('CONFLICT', d.message, { reasons: d.reasons });
  }
  const version = expectedVersion + 1;
  const decided: DecidedStep<S, E, D, C, X> = {
    loaded, event, from: d.from, to: d.to, next: d.next, version, effects: d.effects, cites: d.cites, today, now, actor,
    guardsPassed: d.guardsPassed, context: cctx, expectedVersion,
  };
  const outRows = outboxRowsOf(def.caseType, loaded, event, d.effects, version, now);
  /** the step's audit row: the engine's, as the case type words it */
  const auditOf = (docs: readonly string[]): AuditEvent => {
    const base = auditEventOf(binding.entityType, actor, loaded, event, d, expectedVersion, docs, outRows.length, opts);
    return binding.audit ? binding.audit(base, decided) : base;
  };
  // 3. one transaction
  const own = binding.write;
  const written = own && (async (db: Db | Tx): Promise<CaseStepResult<S, D, X>> => {
    // the case type's own write (save, deadline rows, documents, audit row), then the outbox rows and its `within`
    const w = await own(db, decided, auditOf, !opts.tx && !outRows.length && !binding.within);
    if (!w) throw new AppError('STALE_VERSION', binding.stale);
    const outbox = outRows.length ? await insertOutbox(db as Tx, outRows) : [];
    await binding.within?.(db as Tx, { ...decided, documents: w.documents });
    return { data: d.next, state: d.to, version, effects: d.effects, documents: w.documents, outbox, ...(w.head ? { head: w.head } : {}) };
  });
  const step = async (tx: Tx): Promise<CaseStepResult<S, D, X>> => {
    if (written) return written(tx);
    // without `write`, the definition's effects are the engine's (CaseEffect)
    const effects = d.effects as unknown as CaseEffect[];
    const year = Number(today.slice(0, 4));
    const specs = effects.flatMap((e) => {
      if (e.kind !== 'issue_document' || !binding.document || !loaded.issuer) return [];
      const spec = binding.document(e.document, { loaded, next: d.next, event, number: '', today, cites: e.cites, title: e.title });
      return [{ e, spec, req: { agencyOrgId: loaded.issuer.orgId, typeCode: spec.typeCode, year } satisfies SerialRequest }];
    });
    let serials: number[] = [];
    const saveSql = binding.saveSql?.(loaded, d.next, d.to, version, now, today);
    if (saveSql && specs.length) {
      // the version-checked write and the documents' serials (taken only when it matched): one statement
      const reqs = specs.map((x) => x.req);
      // the same text step after step for a case type and its documents: prepared once per connection (decision 0059)
      prepareNext(tx);
      const [r] = rowsOf<{ saved: number; lasts: { key: string; last: number }[] }>(await tx.execute(sql`WITH saved AS (${saveSql}), taken AS (${takeSerialsSql(reqs, sql`EXISTS (SELECT 1 FROM saved)`)})
SELECT (SELECT count(*) FROM saved)::int AS saved, coalesce((SELECT json_agg(json_build_object('key', t.key, 'last', t.last)) FROM taken t), '[]'::json) AS lasts`));
      if (!r || Number(r.saved) !== 1) throw new AppError('STALE_VERSION', binding.stale);
      serials = serialsOf(reqs, r.lasts);
    } else {
      if (!binding.save) throw new Error(`${def.caseType}: a binding without \`write\` needs \`save\``);
      if (!(await binding.save(tx, loaded, d.next, d.to, version, now, today))) throw new AppError('STALE_VERSION', binding.stale);
      for (const x of specs) serials.push(await nextSerial(tx, x.req.agencyOrgId, x.req.typeCode, year));
    }
    // deadline rows that are only stopped go with the outbox and audit rows (one statement) when the head was read with the case
    const stops = loaded.head ? stopCaseDeadlinesSql(def.caseType, loaded.id, effects, today) : undefined;
    if (stops === undefined) await applyCaseDeadlines(tx, def.caseType, loaded.id, effects, today);
    // the documents as the step answers them: built whole here (their ids too), written with the step's last statement
    const docs: DocumentRow[] = specs.map(({ e, spec, req }, k) => {
      const number = formatDocumentNumber({ agencyShort: loaded.issuer!.short, typeCode: req.typeCode, year, serial: serials[k]! });
      return {
        id: randomUUID(), caseType: def.caseType, caseId: loaded.id, applicationId: null, kind: e.document, number, title: e.title, model: jsonOf(spec.build(number)),
        issuedAt: now, issuedBy: isSystemActor(actor) ? null : actor.id, issuerOrgId: req.agencyOrgId,
      };
    });
    const audit = auditOf(docs.map((x) => x.number));
    const info: StepInfo<S, E, D, X> = { ...decided, documents: docs };
    const along = binding.alongside?.(info) ?? [];
    const withinRuns = !!binding.within && (binding.withinFor?.(info) ?? true);
    let outbox: number[];
    let head: ChainHead | undefined;
    if (loaded.head) {
      // the documents, the outbox rows, the audit row linked to the head read with the case, the stopped deadline rows and the
      // case type's `alongside` writes: one statement — the transaction's last, carrying its COMMIT, when nothing follows it
      const row = auditRowAfter(loaded.head, now, audit);
      head = { chainSeq: row.chainSeq, hash: row.hash };
      if (!opts.tx && !withinRuns) commitWithNext(tx);
      outbox = await insertOutboxWith(tx, outRows, [...(docs.length ? [insertDocumentsSql(docs)] : []), auditInsertSql(row), ...(stops ? [stops] : []), ...along]);
    } else {
      if (docs.length) await tx.execute(insertDocumentsSql(docs));
      outbox = await insertOutbox(tx, outRows);
      await appendAudit(tx, now, audit);
      for (const q of along) await tx.execute(q);
    }
    if (withinRuns) await binding.within!(tx, info);
    return { data: d.next, state: d.to, version, effects: d.effects, documents: docs, outbox, ...(head ? { head } : {}) };
  };
  try {
    if (opts.tx) return await step(opts.tx);
    // a write of one statement with nothing after it is its own transaction (one round trip, decision 0012)
    if (written && !binding.within && !outRows.length && binding.single?.(decided)) return await written(ctx.db);
    return await ctx.db.transaction(step);
  } catch (e) {
    if (isChainRace(e)) throw new AppError('STALE_VERSION', binding.stale);
    throw e;
  }
}

/** How one event of a batch ended: its step, or the refusal / failure it met (what `runCaseEvent` would have thrown). */
export type CaseBatchOutcome<S extends string, D> = { caseId: string; ok: true; result: CaseStepResult<S, D> } | { caseId: string; ok: false; error: unknown };

/**
 * Many events of one case type as one actor (the sweep), set-based where the binding has `batch`
 * hooks: one read of all the cases; `decide()` per case (the same rules, refusals and citations as
 * `runCaseEvent`); then ONE transaction for the steps the hooks cover — the version-checked writes
 * of all, their deadline rows, document serials and documents, outbox rows and one audit row per
 * case (each case's own chain), and the case type's writes — in a fixed handful of statements.
 * A step the hooks do not cover, a case met twice, or a batch whose transaction failed, runs alone
 * through `runCaseEvent`, so the outcome per case is what one-by-one steps would give. The outcomes
 * come back in the order of `items`.
 */
export async function runCaseEvents<S extends string, E extends { type: string }, D, C extends CaseContext>(
  ctx: AppContext,
  binding: CaseBinding<S, E, D, C>,
  actor: Acting,
  items: readonly { caseId: string; event: E; version?: number }[],
  opts: { reason?: string } = {},
): Promise<CaseBatchOutcome<S, D>[]> {
  const out = new Map<number, CaseBatchOutcome<S, D>>();
  const alone = async (i: number, version?: number) => {
    const { caseId, event } = items[i]!;
    try {
      const v = version ?? items[i]!.version ?? (await binding.load(ctx.db, caseId, actor))?.version;
      if (v === undefined) throw new AppError('NOT_FOUND', binding.notFound);
      out.set(i, { caseId, ok: true, result: await runCaseEvent(ctx, binding, actor, caseId, event, v, opts) });
    } catch (error) {
      out.set(i, { caseId, ok: false, error });
    }
  };
  const hooks = binding.batch;
  if (!hooks) {
    for (let i = 0; i < items.length; i++) await alone(i);
    return items.map((_, i) => out.get(i)!);
  }
  const def = binding.def;
  const now = ctx.clock.now();
  const today = chinaDate(now);
  const loadedById = await hooks.loadMany(ctx.db, [...new Set(items.map((x) => x.caseId))], actor);
  type Planned = { i: number; loaded: LoadedCase<D>; event: E; d: Decided<S, D>; version: number; c: C };
  const planned: Planned[] = [];
  const later: number[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < items.length; i++) {
    const { caseId, event, version: expected } = items[i]!;
    if (seen.has(caseId)) { later.push(i); continue; } // a second event of the case follows the first, alone
    seen.add(caseId);
    const loaded = loadedById.get(caseId);
    if (!loaded) { out.set(i, { caseId, ok: false, error: new AppError('NOT_FOUND', binding.notFound) }); continue; }
    if (expected !== undefined && loaded.version !== expected) {
      out.set(i, { caseId, ok: false, error: new AppError('STALE_VERSION', `${binding.stale}（当前状态为「${def.stateLabel[def.stateOf(loaded.data)]}」，版本 ${loaded.version}）`) });
      continue;
    }
    const c = await binding.context(ctx, loaded, actor, today, event);
    const d = decide(def, loaded.data, event, c);
    if (!d.ok) {
      const error = d.code === 'FORBIDDEN' ? new AppError('FORBIDDEN', d.message)
        : d.code === 'GUARD_FAILED' ? new AppError('RULE_REFUSED', d.message, { reasons: d.reasons }) : new AppError('CONFLICT', d.message, { reasons: d.reasons });
      out.set(i, { caseId, ok: false, error });
      continue;
    }
    if (!deadlinesBatchable(d.effects) || !hooks.covers({ loaded, event, from: d.from, to: d.to })) { later.push(i); continue; }
    planned.push({ i, loaded, event, d, version: loaded.version + 1, c });
  }

  if (planned.length) {
    const done = new Map<number, CaseStepResult<S, D>>();
    const stale: number[] = [];
    try {
      await ctx.db.transaction(async (tx) => {
        done.clear();
        stale.length = 0;
        const saved = await hooks.saveMany(tx, planned.map((p) => ({ loaded: p.loaded, next: p.d.next, state: p.d.to, version: p.version })), now, today);
        const moved = planned.filter((p) => (saved.has(p.loaded.id) ? true : (stale.push(p.i), false)));
        await applyCaseDeadlinesMany(tx, def.caseType, moved.map((p) => ({ caseId: p.loaded.id, effects: p.d.effects })), today);
        // documents: every serial in one upsert, every document in one INSERT
        const specs = moved.flatMap((p) => p.d.effects.flatMap((e) => {
          if (e.kind !== 'issue_document' || !binding.document || !p.loaded.issuer) return [];
          const spec = binding.document(e.document, { loaded: p.loaded, next: p.d.next, event: p.event, number: '', today, cites: e.cites, title: e.title });
          return [{ p, e, spec, req: { agencyOrgId: p.loaded.issuer.orgId, typeCode: spec.typeCode, year: Number(today.slice(0, 4)) } satisfies SerialRequest }];
        }));
        const docsOf = new Map<string, DocumentRow[]>();
        if (specs.length) {
          const serials = serialsOf(specs.map((x) => x.req), rowsOf<{ key: string; last: number }>(await tx.execute(takeSerialsSql(specs.map((x) => x.req)))));
          const values = specs.map(({ p, e, spec, req }, k) => {
            const number = formatDocumentNumber({ agencyShort: p.loaded.issuer!.short, typeCode: req.typeCode, year: req.year, serial: serials[k]! });
            return {
              caseType: def.caseType, caseId: p.loaded.id, applicationId: null, kind: e.document, number, title: e.title, model: spec.build(number),
              issuedAt: now, issuedBy: isSystemActor(actor) ? null : actor.id, issuerOrgId: req.agencyOrgId,
            };
          });
          const rows = await tx.insert(documentsTable).values(values).returning();
          const byNumber = new Map(rows.map((r) => [`${r.issuerOrgId}|${r.number}`, r]));
          for (const v of values) {
            const list = docsOf.get(v.caseId) ?? [];
            list.push(byNumber.get(`${v.issuerOrgId}|${v.number}`)!);
            docsOf.set(v.caseId, list);
          }
        }
        const outRows = moved.map((p) => outboxRowsOf(def.caseType, p.loaded, p.event, p.d.effects, p.version, now));
        const ids = await insertOutbox(tx, outRows.flat());
        let k = 0;
        const outboxOf = outRows.map((r) => ids.slice(k, (k += r.length)));
        await appendAuditMany(tx, now, moved.map((p, j) => {
          const base = auditEventOf(binding.entityType, actor, p.loaded, p.event, p.d, p.loaded.version, (docsOf.get(p.loaded.id) ?? []).map((x) => x.number), outboxOf[j]!.length, opts);
          return binding.audit ? binding.audit(base, {
            loaded: p.loaded, event: p.event, from: p.d.from, to: p.d.to, next: p.d.next, version: p.version, effects: p.d.effects, cites: p.d.cites,
            today, now, actor, guardsPassed: p.d.guardsPassed, context: p.c, expectedVersion: p.loaded.version,
          }) : base;
        }));
        const infos = moved.map((p): StepInfo<S, E, D> => ({
          loaded: p.loaded, event: p.event, from: p.d.from, to: p.d.to, next: p.d.next, version: p.version, effects: p.d.effects, cites: p.d.cites,
          documents: docsOf.get(p.loaded.id) ?? [], today, now, actor,
        }));
        await hooks.withinMany(tx, infos);
        moved.forEach((p, j) => done.set(p.i, { data: p.d.next, state: p.d.to, version: p.version, effects: p.d.effects, documents: infos[j]!.documents, outbox: outboxOf[j]! }));
      });
      for (const [i, result] of done) out.set(i, { caseId: items[i]!.caseId, ok: true, result });
      for (const i of stale) out.set(i, { caseId: items[i]!.caseId, ok: false, error: new AppError('STALE_VERSION', binding.stale) });
    } catch {
      // the batch's transaction failed as a whole (a chain race, a constraint): each case alone, as one-by-one steps would
      for (const p of planned) await alone(p.i, p.loaded.version);
    }
  }
  for (const i of later) await alone(i);
  return items.map((_, i) => out.get(i)!);
}
