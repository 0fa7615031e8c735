/**
 * The agreement's life after signing (issue #10): response and request shapes of the lifecycle routes
 * as the pages name them — aliases into the types generated from the server's OpenAPI document
 * (schema.gen.ts, `npm run api:types`; decisions 0013 and 0044). Only the event payloads are written
 * by hand, with the reason.
 */
import type { FiltersOf, QueryOf, ResponseOf } from './openapi';

// ---- the register and 我的协议 ---------------------------------------------------------------

export type AgreementRegisterPage = ResponseOf<'/api/agreement-register'>;
/** One agreement as the register, 我的协议 and the detail's head show it. */
export type AgreementItem = AgreementRegisterPage['items'][number];
export type LifeState = AgreementItem['lifeState'];
export type AgreementProposal = NonNullable<AgreementItem['proposal']>;
export type AgreementPendingRequest = NonNullable<AgreementItem['pendingRequest']>;
/** the contract's sorts: only the term end runs both ways ('-' = descending) */
export type AgreementRegisterSort = NonNullable<QueryOf<'/api/agreement-register'>['sort']>;
/**
 * GET /api/agreement-register (and its export.xlsx): the filters as plain strings (they come from the
 * URL and from selects fed by /api/meta/enums; the server answers 400 naming the field), the sort as
 * the server's names.
 */
export type AgreementRegisterQuery = Omit<FiltersOf<'/api/agreement-register'>, 'sort'> & { sort?: AgreementRegisterSort };
export type MyAgreements = ResponseOf<'/api/my/agreements'>;

// ---- one agreement's life (GET /api/agreements/:id/life) -------------------------------------

export type AgreementLife = ResponseOf<'/api/agreements/{id}/life'>;
/** The case's moving parts (`AgreementCase` of src/domain/agreement/lifecycle.ts, as JSON). */
export type AgreementLifeJson = AgreementLife['life'];
export type AllowedAgreementEvent = AgreementLife['allowedEvents'][number];
/** Events of the agreement case (AgreementEvent['type']); the system-only ones never come in allowedEvents. */
export type AgreementEventType = AllowedAgreementEvent['event'];
export type SuspensionSituation = AgreementLife['situations']['suspension'][number];
export type TerminationSituation = AgreementLife['situations']['termination'][number];
/** The region's rules for the institution's own requests and for suspensions (lifecycle-profile.ts). */
export type AgreementRules = AgreementLife['rules'];
export type AgreementTimelineEntry = AgreementLife['timeline'][number];
export type AgreementDocument = AgreementLife['documents'][number];
export type AgreementDeadline = AgreementLife['deadlines'][number];
export type AgreementSuspensionRecord = AgreementLife['suspensions'][number];

// ---- one step (POST /api/agreements/:id/life-events/:event) ----------------------------------

// Hand-written: the route takes `{ version }` plus a payload that depends on the `:event` path
// parameter (src/server/routes/agreement-life.ts PAYLOADS, validated there with 400 naming the
// field); the document can only say "an object with a version", so each event's payload is named here.
/** POST /api/agreements/:id/life-events/:event — the body's payload besides `version`, per event. */
export interface AgreementEventPayloads {
  activate: Record<string, never>;
  request_suspension: { effectiveOn: string; days: number; reason: string; confirmPublic?: boolean };
  request_termination: { effectiveOn: string; reason: string; confirmPublic?: boolean };
  withdraw_request: Record<string, never>;
  approve_request: { note?: string };
  reject_request: { reason: string };
  request_takes_effect: Record<string, never>;
  impose_suspension: { situation: string; facts: string; rectification: string; days?: number };
  request_resumption: { note: string };
  resume: { rectificationVerified: boolean; note: string };
  terminate: { situation: string; facts: string };
  close: { cause: 'closure' | 'licence_revoked'; facts: string };
  record_unreported_change: { facts: string };
  reverse_decision: { outcome: string; reference: string };
}

export type AgreementEventResult = ResponseOf<'/api/agreements/{id}/life-events/{event}', 'post'>;
