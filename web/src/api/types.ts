/**
 * Response shapes of the dingdian API, as the web app uses them.
 * The truth is the zod schemas in src/server/routes/*.ts (also served at /api/openapi.json);
 * keep this file in step with them. All types of the client live here.
 */

// ---- errors ----------------------------------------------------------------

export interface Citation {
  doc: string;
  article?: number | null;
  /** section-structured notices (一、(一)1.) use part instead of article */
  part?: number | null;
  clause?: number | null;
  item?: number | null;
  point?: number | null;
  /** formatted by the server, e.g. 京医保发〔2021〕30号 第十二条(七) */
  label?: string;
  text?: string;
  verified?: boolean;
}

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

export type Role = 'institution_staff' | 'agency_officer' | 'agency_head' | 'admin_dept_officer' | 'expert' | 'sysadmin';

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  orgId: string;
  orgName: string;
  orgKind: string;
  orgLevel: string;
  orgRegionCode: string | null;
  institutionId: string | null;
}

export interface DemoUser {
  username: string;
  displayName: string;
  roles: string[];
  orgName: string;
  note: string;
}

// ---- meta ------------------------------------------------------------------

/** Chinese label maps keyed by map name (institutionKindLabel, …) then by enum value. */
export type EnumLabels = Record<string, Record<string, string>>;

export interface Region {
  code: string;
  name: string;
  level: 'province' | 'prefecture' | 'county';
  parentCode: string | null;
  kind: 'admin' | 'yb_pseudo';
  profileId: string | null;
  hasChildren: boolean;
}

export interface ClockState {
  sandbox: boolean;
  now: string;
  offsetMs: number;
}

// ---- registry --------------------------------------------------------------

export interface Page<T> {
  items: T[];
  total: number;
  page?: number;
  pageSize?: number;
  /**
   * Registry list (decision 0001): false when there were more than 1 000 matches — `total` is then
   * the database's estimate and the page comes in registry order (`order: 'id'`), not by name.
   */
  totalExact?: boolean;
  order?: 'name' | 'id';
}

export interface InstitutionRow {
  id: string;
  name: string;
  uscc: string;
  ybCode: string | null;
  kind: string;
  subtype: string;
  ownership: string;
  hospitalLevel: string;
  grade: string;
  adminLevel: string;
  regionCode: string;
  regionName: string | null;
  address: string;
  status: string;
  dualChannel: boolean;
  parentId: string | null;
  parentRelation: string | null;
  version: number;
  updatedAt: string;
}

export interface InstitutionPerson {
  personId: string;
  role: string;
  name: string;
  /** masked by the server: 5301**********1234 */
  idNumberMasked: string;
  phone: string | null;
  fromDate: string;
  toDate: string | null;
  /** 列入失信人名单 */
  dishonest: boolean;
}

export interface Licence {
  id: string;
  kind: string;
  number: string;
  issuedBy: string | null;
  validFrom: string;
  validTo: string | null;
}

export interface PracticeSite {
  id: string;
  name: string;
  address: string;
  regionCode: string;
  approved: boolean | null;
}

export interface RelatedInstitution {
  id: string;
  name: string;
  subtype: string;
  status: string;
  regionCode: string;
  parentRelation: string | null;
}

export interface InstitutionDetail extends InstitutionRow {
  beds: number;
  phone: string | null;
  servicePhone: string | null;
  paymentCategories: string[];
  insuranceSchemes: string[];
  openedOn: string | null;
  designatedOn: string | null;
  createdAt: string;
  persons: InstitutionPerson[];
  licences: Licence[];
  sites: PracticeSite[];
  parent: RelatedInstitution | null;
  children: RelatedInstitution[];
}

// ---- rules -----------------------------------------------------------------

export interface RuleProfile {
  id: string;
  name: string;
  regionCode: string | null;
  draft: boolean;
  extends: string | null;
  effectiveFrom: string;
}

/** A parameter value in force on asOf, with its own citation and the date it took effect. */
export interface RuleParam {
  key: string;
  label: string;
  value: number;
  unit: string;
  citation: Citation;
  from: string;
}

export type RuleSource = 'national' | 'override' | 'added';

export interface RuleView {
  id: string;
  title: string;
  kind: string;
  citations: Citation[];
  params: RuleParam[];
  appliesTo: string[];
  /** id of the national rule this one replaces */
  overrides?: string;
  source: RuleSource;
  verified: boolean;
  effectiveFrom: string;
  stage?: string;
  note?: string;
  /** enumerated items (e.g. the cases of 第十二条) */
  items?: { n: number; label: string }[];
  materials?: { id: string; label: string; citation: string }[];
}

export interface RulesResponse {
  profile: RuleProfile;
  asOf: string;
  /** ruleset version, stored with every evaluation */
  version: string;
  rules: RuleView[];
}

export interface RuleDiffSide {
  ruleIds: string[];
  params: Record<string, number>;
}

export interface RuleDiffRow {
  slot: string;
  title: string;
  change: 'only_a' | 'only_b' | 'override' | 'params';
  a: RuleDiffSide | null;
  b: RuleDiffSide | null;
}

export interface RuleDiffResponse {
  a: RuleProfile;
  b: RuleProfile;
  asOf: string;
  rows: RuleDiffRow[];
}

// ---- audit -----------------------------------------------------------------

export interface AuditRow {
  seq: number | string;
  at: string;
  actorName: string | null;
  actorOrgName: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  reason: string | null;
  hash: string;
  before?: unknown;
  after?: unknown;
}

export interface AuditVerifyResult {
  ok: boolean;
  rows: number;
  brokenSeq?: number | string | null;
  problem?: string | null;
}

// ---- calendar --------------------------------------------------------------

export interface CalendarYear {
  year: number;
  source: string;
  enteredBy: string | null;
  enteredAt: string;
  holidays: number;
  workdays: number;
}

export type CalendarDayKind = 'holiday' | 'workday';

export interface CalendarDay {
  day: string;
  kind: CalendarDayKind;
  name: string;
}

/** Only published (entered) years exist; an unknown year answers 404. */
export interface CalendarYearDetail {
  year: number;
  source: string;
  enteredBy: string | null;
  enteredAt: string;
  days: CalendarDay[];
}

export type DeadlineUnit = 'workday' | 'natural_day' | 'month';

export interface DeadlineResult {
  from: string;
  n: number;
  unit: DeadlineUnit;
  due: string;
  provisional: boolean;
  /** empty unless provisional */
  missingYears: number[];
  explanation: string;
}
