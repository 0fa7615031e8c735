/**
 * Response shapes of the dingdian API, as the web app names them. Each is an alias into the types
 * generated from the server's OpenAPI document (schema.gen.ts, `npm run api:types`, decision 0013),
 * so a change to a route's zod schema shows up here as a type error, not as drift. Shapes the
 * document does not describe are written by hand below, each with the reason.
 */
import type { FiltersOf, QueryOf, ResponseOf } from './openapi';

// ---- errors ----------------------------------------------------------------
// Hand-written: error answers are not in the OpenAPI document (routes declare their success
// response only); the one place that shapes them is src/server/errors.ts.

/** A structured citation, as the rules list sends it. */
export type Citation = RuleView['citations'][number];

export interface RuleReason {
  ruleId: string;
  /** a formatted label, or the structured citation */
  citation: string | Citation | null;
  message: string;
}

export interface ApiErrorBody {
  error: {
    code: string;
    message: string;
    field?: string;
    reasons?: RuleReason[];
  };
}

// ---- identity --------------------------------------------------------------

export type SessionUser = ResponseOf<'/api/auth/me'>['user'];
export type Role = SessionUser['roles'][number];
export type DemoUser = ResponseOf<'/api/public/demo-users'>[number];

// ---- meta ------------------------------------------------------------------

/**
 * Chinese label maps keyed by map name (institutionKind, …) then by enum value. The names are the
 * server's; pages may also look a map up by a name held in a string.
 */
export type EnumLabels = ResponseOf<'/api/meta/enums'> & Partial<Record<string, Record<string, string>>>;

export type Region = ResponseOf<'/api/regions'>[number];
export type ClockState = ResponseOf<'/api/admin/clock'>;

// ---- registry --------------------------------------------------------------

/**
 * Registry list (decision 0001): `totalExact` is false when there were more than 1 000 matches —
 * `total` is then the database's estimate and the page comes in registry order (`order: 'id'`).
 */
export type InstitutionPage = ResponseOf<'/api/institutions'>;
export type InstitutionRow = InstitutionPage['items'][number];
export type InstitutionQuery = FiltersOf<'/api/institutions'>;
export type InstitutionDetail = ResponseOf<'/api/institutions/{id}'>;
/** `idNumberMasked` is masked by the server: 5301**********1234; `dishonest` = 列入失信人名单 */
export type InstitutionPerson = InstitutionDetail['persons'][number];
export type Licence = InstitutionDetail['licences'][number];
export type PracticeSite = InstitutionDetail['sites'][number];
export type RelatedInstitution = InstitutionDetail['children'][number];

// ---- rules -----------------------------------------------------------------

export type RuleProfile = ResponseOf<'/api/rules/profiles'>[number];
/** `version` is the ruleset version, stored with every evaluation */
export type RulesResponse = ResponseOf<'/api/rules'>;
export type RuleView = RulesResponse['rules'][number];
/** A parameter value in force on asOf, with its own citation and the date it took effect. */
export type RuleParam = RuleView['params'][number];
export type RuleSource = RuleView['source'];
export type RuleDiffResponse = ResponseOf<'/api/rules/diff'>;
export type RuleDiffRow = RuleDiffResponse['rows'][number];
export type RuleDiffSide = NonNullable<RuleDiffRow['a']>;

// ---- audit -----------------------------------------------------------------

export type AuditPage = ResponseOf<'/api/audit'>;
export type AuditRow = AuditPage['items'][number];
export type AuditQuery = QueryOf<'/api/audit'>;
export type AuditVerifyResult = ResponseOf<'/api/audit/verify'>;

// ---- calendar --------------------------------------------------------------

export type CalendarYear = ResponseOf<'/api/calendar/years'>['years'][number];
/** Only published (entered) years exist; an unknown year answers 404. */
export type CalendarYearDetail = ResponseOf<'/api/calendar/years/{year}'>;
export type CalendarDay = CalendarYearDetail['days'][number];
export type CalendarDayKind = CalendarDay['kind'];
/** `missingYears` is empty unless `provisional` */
export type DeadlineResult = ResponseOf<'/api/calendar/compute'>;
export type DeadlineUnit = DeadlineResult['unit'];
