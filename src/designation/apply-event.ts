/**
 * applyEvent: one step of the designation pipeline, in the beats of STYLE.md —
 * 1. access: load the application inside the actor's territory (404 outside);
 * 2. guard: stale version → 409 STALE_VERSION; `transition(app, event, ctx)` refuses with the domain's
 *    reason (ILLEGAL_TRANSITION → 409, FORBIDDEN → 403, GUARD_FAILED → 422 with RuleReason[]);
 * 3. one transaction: `UPDATE … WHERE version = expected` (0 rows → 409 STALE_VERSION, someone else
 *    won) with the deadline rows and the audit row 'application.<event>' in the same statement — for a
 *    step without documents or caller writes that one statement IS the transaction (one round trip);
 *    with caller writes: BEGIN, that statement, their writes, COMMIT; with documents: BEGIN, the
 *    UPDATE taking the documents' serials, the documents with the audit row, the caller's writes,
 *    COMMIT. The audit
 *    row is linked to the head of the application's chain read with the row (decision 0012).
 * What follows a commit (the automatic screening of a fresh submission) is `runEvent`'s
 * (run-event.ts): this file knows nothing of screening, so screen-application.ts can run its
 * step here without a circle between the two.
 */
import { AppError, type RuleReason } from '../domain/errors';
import type { Application } from '../domain/designation/application';
import type { DesignationEvent } from '../domain/designation/events';
import { transition, type Effect } from '../domain/designation/transition';
import { stateLabel, type EventType, type State } from '../domain/designation/states';
import { TABLE } from '../domain/designation/table';
import { materialListCitation } from '../domain/policy/resolve';
import { findApplication, findApplicationWithHead, findApplicationWithParties, updateApplicationState, updateApplicationStateTakingSerials, APPLICATION_NO_CODE, type ApplicationNumbering, type ApplicationRow, type StepPartyFacts } from '../db/designation-repo';
import { planDeadlineEffects } from '../db/deadline-repo';
import { auditInsertSql, auditRowAfter, isChainRace, type AuditEvent, type AuditInsert } from '../db/audit-repo';
import type { ChainHead } from '../domain/audit/chain';
import { insertDocumentsWithAudit, type DocumentRow } from '../db/document-repo';
import type { Tx } from '../db/client';
import type { AppContext } from '../context';
import { activateOnPayment } from '../agreement-lifecycle/start-life';
import type { SessionUser } from '../domain/identity/roles';
import { materialFactsOf, materialListOf, type ApplicationMaterialItem } from './application-materials';
import { loadLocalLayer } from '../db/local-parameters-repo';
import { findConditionCheck } from '../db/condition-check-repo';
import { buildTransitionContext, isSystem, whereFor, type Acting, type SystemActor } from './build-context';
import { buildDocuments, serialRequests, type DocumentInput, type Parties } from './issue-documents';
import { agencyShort } from '../documents/numbering';

export type { SystemActor } from './build-context';
export { SYSTEM_ACTOR } from './build-context';

export interface RunEventResult {
  application: ApplicationRow;
  effects: Effect[];
  documents: DocumentRow[];
}

/** A step as applied: its result and the head of the audit chain it wrote (what a follow-up step may use as `known`). */
export interface AppliedEvent extends RunEventResult {
  head: ChainHead;
}

export interface ApplyEventOptions {
  /** officer's input for the documents of this step (整改建议, remarks) */
  documentInput?: DocumentInput;
  /** more facts for the audit row (e.g. the screening's checked and undetermined rules) */
  auditExtra?: Record<string, unknown>;
  /**
   * Writes of the caller that belong to this step (a signature, a complaint, the agreement's
   * status), run inside the step's transaction so that the step and they commit or fail together.
   */
  within?: (tx: Tx, step: { application: ApplicationRow; documents: DocumentRow[] }) => Promise<void>;
  /**
   * The row and its audit chain's head as this process just committed them (the screening right
   * after a submit): no read. Only for a system step that never issues documents; a change since
   * is still caught by the version-checked UPDATE (409) and the chain's unique index.
   */
  known?: { row: ApplicationRow; head: ChainHead };
}

export const staleMessage = (row: Pick<ApplicationRow, 'state' | 'version'>) =>
  `申请已被他人处理，请刷新后重试（当前状态为「${stateLabel[row.state as State] ?? row.state}」，版本 ${row.version}）`;

/** Loads an application the actor may see, or 404 (missing, malformed id and foreign look the same). */
export async function loadApplicationFor(ctx: AppContext, acting: Acting, id: string): Promise<ApplicationRow> {
  const row = await findApplication(ctx.db, id, whereFor(acting));
  if (!row) throw new AppError('NOT_FOUND', '申请不存在');
  return row;
}

function refusal(code: 'ILLEGAL_TRANSITION' | 'GUARD_FAILED' | 'FORBIDDEN', message: string, reasons: RuleReason[]): AppError {
  if (code === 'FORBIDDEN') return new AppError('FORBIDDEN', message);
  if (code === 'GUARD_FAILED') return new AppError('RULE_REFUSED', message, { reasons });
  return new AppError('CONFLICT', message, { reasons });
}

export async function applyEvent(
  ctx: AppContext,
  user: SessionUser | SystemActor,
  applicationId: string,
  event: DesignationEvent,
  expectedVersion: number,
  opts: ApplyEventOptions = {},
): Promise<AppliedEvent> {
  // issue #10: opening the payment makes the application's signed agreement take effect, in the same transaction
  if (event.type === 'activate_payment') opts = { ...opts, within: withAgreementActivation(ctx, applicationId, opts.within) };
  // 1. access — the row with its audit chain's head; for an event that may issue documents, the parties and the uploads too
  const actingAgency = !isSystem(user) && user.orgKind === 'agency' ? user.orgId : null;
  let row: ApplicationRow;
  let head: ChainHead;
  let facts: StepPartyFacts | null = null;
  if (opts.known && isSystem(user) && !ISSUING_EVENTS.has(event.type)) {
    ({ row, head } = opts.known);
  } else if (ISSUING_EVENTS.has(event.type) || event.type === 'submit') {
    const found = await findApplicationWithParties(ctx.db, applicationId, whereFor(user), actingAgency);
    if (!found) throw new AppError('NOT_FOUND', '申请不存在');
    ({ row, head, facts } = found);
  } else {
    const found = await findApplicationWithHead(ctx.db, applicationId, whereFor(user));
    if (!found) throw new AppError('NOT_FOUND', '申请不存在');
    ({ row, head } = found);
  }
  // 2. guard
  if (row.version !== expectedVersion) throw new AppError('STALE_VERSION', staleMessage(row));
  const before = row.data as Application;
  // the material list and what was uploaded came with the row (受理 and 一次性告知 issue documents)
  // the pooling region's layer (decision 0031): its material list and its delegated numbers
  const local = await loadLocalLayer(ctx.db, row.regionCode);
  const list = facts ? materialListOf(row, local) : [];
  // the basic conditions decide the evaluation's result (decision 0023)
  const conditions = event.type === 'conclude_evaluation' ? await findConditionCheck(ctx.db, row.id) : null;
  const tctx = await buildTransitionContext(ctx, user, row.profileId, before.state, event.type, facts ? materialFactsOf(list, facts.uploadedItemKeys) : null, conditions, local);
  const result = transition(before, event, tctx);
  if (!result.ok) throw refusal(result.code, result.message, result.reasons);

  const needsDocs = result.effects.some((e) => e.kind === 'issue_document');
  const parties = needsDocs ? partiesOf(facts) : null;
  const materials = needsDocs ? materialLabels(row, list, facts!.uploadedItemKeys) : { items: [], listCitation: '' };
  const now = ctx.clock.now();
  const deadlines = planDeadlineEffects(result.effects, tctx.today);
  const reasons = event.type === 'screening_completed' ? event.reasons : [];
  const auditOf = (documentNumbers: readonly string[]): AuditEvent => ({
    actor: isSystem(user) ? null : { id: user.id, orgId: user.orgId },
    action: `application.${event.type}`,
    entityType: 'application',
    entityId: row.id,
    regionCode: row.regionCode,
    before: { state: before.state, version: row.version },
    after: {
      state: result.next.state, version: expectedVersion + 1, event, actorRole: tctx.actor.role,
      guardsPassed: result.guardsPassed, cites: result.cites, reasons,
      deadlines: result.effects.filter((e) => e.kind !== 'issue_document').map((e) => ('deadline' in e ? `${e.kind}:${e.deadline}` : e.kind)),
      documents: documentNumbers,
      profile: tctx.profile.id,
      ...opts.auditExtra,
    },
    reason: 'reason' in event && typeof event.reason === 'string' ? event.reason : reasons.map((r) => `${r.message}（${r.citation}）`).join('；') || null,
  });
  const lost = () => new AppError('STALE_VERSION', '申请已被他人处理，请刷新后重试');
  // 申请编号: taken at submission from the receiving agency's counter, in the step's statement (decision 0019)
  const numbering = event.type === 'submit' ? applicationNumbering(facts, tctx.today) : undefined;

  // 3. one transaction
  let application: ApplicationRow;
  let documents: DocumentRow[];
  let written!: AuditInsert;
  try {
    if (!parties && !opts.within) {
      // the state change, its deadline rows and its audit row: one statement, its own transaction
      written = auditRowAfter(head, now, auditOf([]));
      const updated = await updateApplicationState(ctx.db, row.id, expectedVersion, result.next, now, event.type === 'submit', deadlines, written, numbering);
      if (!updated) throw lost();
      ({ application, documents } = { application: updated, documents: [] });
    } else {
      ({ application, documents } = await ctx.db.transaction(async (tx) => {
        // BEGIN; the UPDATE with its deadline writes and the documents' serials; the documents with the audit row; COMMIT
        // (the audit row always precedes the caller's writes, so that an audit row they add to this chain links after it)
        if (!parties) {
          written = auditRowAfter(head, now, auditOf([]));
          const updated = await updateApplicationState(tx, row.id, expectedVersion, result.next, now, event.type === 'submit', deadlines, written, numbering);
          if (!updated) throw lost();
          await opts.within?.(tx, { application: updated, documents: [] });
          return { application: updated, documents: [] };
        }
        const requests = serialRequests(result.effects, parties.agency.orgId, tctx.today);
        const step = await updateApplicationStateTakingSerials(tx, row.id, expectedVersion, result.next, now, event.type === 'submit', deadlines, requests);
        if (!step) throw lost();
        const updated = step.row;
        const rows = buildDocuments(ctx, {
          today: tctx.today, parties, before, next: result.next, event, effects: result.effects, profile: tctx.profile,
          materials: materials.items, materialListCitation: materials.listCitation, input: opts.documentInput ?? {}, issuedBy: isSystem(user) ? null : user.id, applicationNo: updated.applicationNo,
        }, requests, step.serials);
        written = auditRowAfter(head, now, auditOf(rows.map((r) => r.model.number)));
        const docs = await insertDocumentsWithAudit(tx, rows, auditInsertSql(written));
        await opts.within?.(tx, { application: updated, documents: docs });
        return { application: updated, documents: docs };
      }));
    }
  } catch (e) {
    // someone appended to this application's chain since we read it (the version check let us through)
    if (isChainRace(e)) throw lost();
    throw e;
  }

  return { application, effects: result.effects, documents, head: { chainSeq: written.chainSeq, hash: written.hash } };
}

/** Events some row of the table answers with documents: their step loads the parties with the row. */
const ISSUING_EVENTS: ReadonlySet<EventType> = new Set(TABLE.filter((r) => (r.documents?.length ?? 0) > 0).map((r) => r.event));

/**
 * The issuing agency and the institution, from the facts loaded with the row — exactly what
 * `loadParties` (issue-documents.ts) builds from its three queries.
 */
export function partiesOf(facts: StepPartyFacts | null): Parties {
  if (!facts?.institution) throw new AppError('NOT_FOUND', '机构不存在');
  const inst = facts.institution;
  const o = facts.agency;
  const agency: Parties['agency'] = o
    ? { orgId: o.id, name: o.name, short: agencyShort(o.regionName, o.level) }
    : { orgId: '00000000-0000-0000-0000-000000000000', name: '医疗保障经办机构', short: '医保' };
  return {
    agency,
    institution: { id: inst.id, name: inst.name, uscc: inst.uscc, address: inst.address, ...(facts.legalName !== null ? { legalRepresentative: facts.legalName } : {}) },
  };
}

/** The receiving agency's counter and 机关代字 for the 申请编号 of a submission (decision 0019). */
function applicationNumbering(facts: StepPartyFacts | null, today: string): ApplicationNumbering {
  const o = facts?.agency;
  return {
    agencyOrgId: o?.id ?? NO_AGENCY, prefix: `${o ? agencyShort(o.regionName, o.level) : '医保'}${APPLICATION_NO_CODE}`, year: Number(today.slice(0, 4)),
  };
}
const NO_AGENCY = '00000000-0000-0000-0000-000000000000';

/** The application's material list, each item marked whether a file was uploaded for it, and the list's article. */
function materialLabels(row: ApplicationRow, list: readonly ApplicationMaterialItem[], uploadedKeys: readonly string[]) {
  const uploaded = new Set(uploadedKeys);
  let listCitation: string;
  try {
    listCitation = materialListCitation(row.profileId, row.kind as never, row.createdAt.toISOString().slice(0, 10));
  } catch {
    listCitation = ''; // a kind without a list in this profile: each item cites its own article
  }
  return { items: list.map((m) => ({ itemKey: m.id, label: m.label, citation: m.citation, received: uploaded.has(m.id) })), listCitation };
}

/** The caller's writes, then the agreement's `activate` event (src/agreement-lifecycle/start-life.ts). */
function withAgreementActivation(ctx: AppContext, applicationId: string, inner: ApplyEventOptions['within']): NonNullable<ApplyEventOptions['within']> {
  return async (tx, step) => {
    await inner?.(tx, step);
    await activateOnPayment(ctx, tx, applicationId);
  };
}
