/**
 * The designation application's binding to the workflow engine (decision 0032, 0055): how a step
 * loads the application inside the actor's territory (with its audit chain's head; for an event that
 * may issue documents or a submission, the parties and the uploads too — one read), which context
 * decides (the profile, the pooling region's layer, the basic conditions, the material facts), the
 * audit row as the designation's chains and readers know it, and the step's write: the
 * version-checked UPDATE with its deadline rows (pauses of the evaluation limit included), the
 * 申请编号 of a submission and the audit row in ONE statement — for a step without documents or
 * caller writes that statement is the whole transaction (decision 0012); with documents: BEGIN, the
 * UPDATE taking their serials, the documents with the audit row, the caller's writes, COMMIT.
 */
import { AppError } from '../domain/errors';
import type { Application } from '../domain/designation/application';
import type { DesignationEvent } from '../domain/designation/events';
import { designationCase, designationContext, type DesignationCaseContext, type Effect } from '../domain/designation/case-type';
import type { EventType, State } from '../domain/designation/states';
import { TABLE } from '../domain/designation/table';
import { materialListCitation } from '../domain/policy/resolve';
import type { LocalValue } from '../domain/policy/resolve';
import {
  findApplicationWithHead, findApplicationWithParties, updateApplicationState, updateApplicationStateTakingSerials, APPLICATION_NO_CODE,
  type ApplicationNumbering, type ApplicationRow, type StepPartyFacts,
} from '../db/designation-repo';
import { planDeadlineEffects } from '../db/deadline-repo';
import { auditInsertSql, auditRowAfter } from '../db/audit-repo';
import { insertDocumentsWithAudit, type DocumentRow } from '../db/document-repo';
import { commitWithNext, type Tx } from '../db/client';
import { loadLocalLayer } from '../db/local-parameters-repo';
import { findConditionCheck } from '../db/condition-check-repo';
import type { CaseBinding, LoadedCase } from '../workflow/run-case-event';
import type { ChainHead } from '../domain/audit/chain';
import { agencyShort } from '../documents/numbering';
import { materialFactsOf, materialListOf, type ApplicationMaterialItem } from './application-materials';
import { buildTransitionContext, isSystem, whereFor } from './build-context';
import { buildDocuments, serialRequests, type DocumentInput, type Parties } from './issue-documents';

export type DesignationBinding = CaseBinding<State, DesignationEvent, Application, DesignationCaseContext, Effect>;

/** What a step of this binding takes besides the event (applyEvent's options). */
export interface DesignationStepOptions {
  /** officer's input for the documents of this step (整改建议, remarks) */
  documentInput?: DocumentInput;
  /** more facts for the audit row (e.g. the screening's checked and undetermined rules) */
  auditExtra?: Record<string, unknown>;
  /** the caller's writes in the step's transaction, after the audit row, with the row as the step saved it */
  within?: (tx: Tx, step: { application: ApplicationRow; documents: DocumentRow[] }) => Promise<void>;
  /**
   * The row and its audit chain's head as this process just committed them (the screening right
   * after a submit): no read. Only for a system step that never issues documents; a change since
   * is still caught by the version-checked UPDATE (409) and the chain's unique index.
   */
  known?: { row: ApplicationRow; head: ChainHead };
}

/** What a loaded application carries besides the pure case: its row, the parties' facts, its material list. */
interface Extra {
  row: ApplicationRow;
  facts: StepPartyFacts | null;
  list: readonly ApplicationMaterialItem[];
}

/** Events some row of the table answers with documents: their step loads the parties with the row. */
const ISSUING_EVENTS: ReadonlySet<EventType> = new Set(TABLE.filter((r) => (r.documents?.length ?? 0) > 0).map((r) => r.event));

/**
 * The binding for one step's options. `savedRow()`: the application row as the step's UPDATE
 * returned it (what `applyEvent` answers and the caller's `within` sees).
 */
export function designationBinding(opts: DesignationStepOptions = {}): DesignationBinding & { savedRow: () => ApplicationRow | undefined } {
  const extras = new WeakMap<LoadedCase<Application>, Extra>();
  let saved: ApplicationRow | undefined;
  const loadedOf = (row: ApplicationRow, head: ChainHead, facts: StepPartyFacts | null): LoadedCase<Application> => {
    const loaded: LoadedCase<Application> = {
      id: row.id, data: row.data as Application, version: row.version, regionCode: row.regionCode, institutionId: row.institutionId, issuer: null, head,
    };
    extras.set(loaded, { row, facts, list: [] });
    return loaded;
  };
  const within = opts.within;
  return {
    def: designationCase,
    entityType: 'application',
    notFound: '申请不存在',
    stale: '申请已被他人处理，请刷新后重试',
    savedRow: () => saved,
    // 1. access — the row with its audit chain's head; for an event that may issue documents, the parties and the uploads too
    async load(db, id, actor, event) {
      const type = event?.type;
      if (opts.known && isSystem(actor) && type && !ISSUING_EVENTS.has(type)) return loadedOf(opts.known.row, opts.known.head, null);
      if (type && (ISSUING_EVENTS.has(type) || type === 'submit')) {
        const found = await findApplicationWithParties(db, id, whereFor(actor), !isSystem(actor) && actor.orgKind === 'agency' ? actor.orgId : null);
        return found ? loadedOf(found.row, found.head, found.facts) : null;
      }
      const found = await findApplicationWithHead(db, id, whereFor(actor));
      return found ? loadedOf(found.row, found.head, null) : null;
    },
    // the pooling region's layer (decision 0031), the material list with what was uploaded (受理 and 一次性告知 issue
    // documents), the basic conditions that decide the evaluation's result (decision 0023)
    async context(ctx, loaded, actor, _today, event) {
      const extra = extras.get(loaded)!;
      const { row, facts } = extra;
      const local: readonly LocalValue[] = await loadLocalLayer(ctx.db, row.regionCode);
      extra.list = facts ? materialListOf(row, local) : [];
      const type = (event?.type ?? 'submit') as EventType;
      const conditions = type === 'conclude_evaluation' ? await findConditionCheck(ctx.db, row.id) : null;
      return designationContext(await buildTransitionContext(ctx, actor, row.profileId, loaded.data.state, type,
        facts ? materialFactsOf(extra.list, facts.uploadedItemKeys) : null, conditions, local));
    },
    // the audit row 'application.<event>' with the designation's fields (its chains and readers know them)
    audit(base, step) {
      const { event, context: c, effects } = step;
      const reasons = event.type === 'screening_completed' ? event.reasons : [];
      return {
        ...base,
        before: { state: step.from, version: step.expectedVersion },
        after: {
          state: step.next.state, version: step.version, event, actorRole: c.t.actor.role,
          guardsPassed: step.guardsPassed, cites: step.cites, reasons,
          deadlines: effects.filter((e) => e.kind !== 'issue_document').map((e) => ('deadline' in e ? `${e.kind}:${e.deadline}` : e.kind)),
          documents: (base.after as { documents?: string[] } | undefined)?.documents ?? [],
          profile: c.t.profile.id,
          ...opts.auditExtra,
        },
        reason: 'reason' in event && typeof event.reason === 'string' ? event.reason : reasons.map((r) => `${r.message}（${r.citation}）`).join('；') || null,
      };
    },
    // a step without documents is one statement (its own transaction unless the caller writes too)
    single: (step) => !step.effects.some((e) => e.kind === 'issue_document'),
    async write(db, step, audit, endsTransaction) {
      const { loaded, effects, next, event, now, context: c } = step;
      const { row, facts, list } = extras.get(loaded)!;
      const today = c.t.today;
      const submitted = event.type === 'submit';
      const deadlines = planDeadlineEffects(effects, today);
      if (!effects.some((e) => e.kind === 'issue_document')) {
        // the state change, its deadline rows, the 申请编号 of a submission (decision 0019) and the audit row: one statement
        const written = auditRowAfter(loaded.head!, now, audit([]));
        const updated = await updateApplicationState(db, row.id, step.expectedVersion, next, now, submitted, deadlines, written,
          submitted ? applicationNumbering(facts, today) : undefined);
        if (!updated) return null;
        saved = updated;
        return { documents: [], head: { chainSeq: written.chainSeq, hash: written.hash } };
      }
      // the UPDATE with its deadline writes and the documents' serials; the documents with the audit row
      const parties = partiesOf(facts);
      const materials = materialLabels(row, list, facts!.uploadedItemKeys);
      const requests = serialRequests(effects, parties.agency.orgId, today);
      const taken = await updateApplicationStateTakingSerials(db as Tx, row.id, step.expectedVersion, next, now, submitted, deadlines, requests);
      if (!taken) return null;
      const updated = taken.row;
      saved = updated;
      const rows = buildDocuments({ clock: { now: () => now } }, {
        today, parties, before: loaded.data, next, event, effects, profile: c.t.profile,
        materials: materials.items, materialListCitation: materials.listCitation, input: opts.documentInput ?? {},
        issuedBy: isSystem(step.actor) ? null : step.actor.id, applicationNo: updated.applicationNo,
      }, requests, taken.serials);
      const written = auditRowAfter(loaded.head!, now, audit(rows.map((r) => r.model.number)));
      if (endsTransaction) commitWithNext(db); // the transaction's last statement carries its COMMIT (decision 0058)
      const documents = await insertDocumentsWithAudit(db as Tx, rows, auditInsertSql(written));
      return { documents, head: { chainSeq: written.chainSeq, hash: written.hash } };
    },
    ...(within ? { within: (tx: Tx, step: { loaded: LoadedCase<Application>; documents: DocumentRow[] }) => within(tx, { application: saved!, documents: step.documents }) } : {}),
  };
}

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
    : { orgId: NO_AGENCY, name: '医疗保障经办机构', short: '医保' };
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
