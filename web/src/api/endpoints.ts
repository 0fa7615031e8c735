/** One typed function per endpoint the web app calls. */
import { api, type RequestOptions } from './client';
import type { BodyOf, ResponseOf } from './openapi';
import type {
  AuditPage, AuditQuery, AuditVerifyResult, CalendarDay, CalendarYear, CalendarYearDetail, ClockState, DeadlineResult,
  DeadlineUnit, DemoUser, EnumLabels, InstitutionDetail, InstitutionPage, InstitutionQuery, Region, RuleDiffResponse,
  RuleProfile, RulesResponse,
} from './types';

export type { AuditQuery, InstitutionQuery } from './types';

export type AuthAnswer = ResponseOf<'/api/auth/me'>;

export const authApi = {
  login: (username: string, password: string) =>
    api.post<AuthAnswer>('/api/auth/login', { username, password } satisfies BodyOf<'/api/auth/login', 'post'>, { quiet: true }),
  me: () => api.get<AuthAnswer>('/api/auth/me', { quiet: true }),
  logout: () => api.post<unknown>('/api/auth/logout', {}, { quiet: true }),
  demoUsers: () => api.get<DemoUser[]>('/api/public/demo-users', { quiet: true }),
};

export const metaApi = {
  enums: (opts?: RequestOptions) => api.get<EnumLabels>('/api/meta/enums', opts),
  regions: (parent?: string) => api.get<Region[]>('/api/regions', { query: { parent } }),
};

export const clockApi = {
  get: () => api.get<ClockState>('/api/admin/clock', { quiet: true }),
  advance: (days: number) => api.post<ClockState>('/api/admin/clock/advance', { days }),
};

export const institutionApi = {
  list: (query: InstitutionQuery, opts?: RequestOptions) =>
    api.get<InstitutionPage>('/api/institutions', { ...opts, query: { ...query } }),
  get: (id: string) => api.get<InstitutionDetail>(`/api/institutions/${encodeURIComponent(id)}`),
};

export const rulesApi = {
  profiles: () => api.get<RuleProfile[]>('/api/rules/profiles'),
  rules: (profile: string, asOf?: string) => api.get<RulesResponse>('/api/rules', { query: { profile, asOf } }),
  diff: (a: string, b: string, asOf?: string) => api.get<RuleDiffResponse>('/api/rules/diff', { query: { a, b, asOf } }),
};

export const auditApi = {
  list: (query: AuditQuery, opts?: RequestOptions) => api.get<AuditPage>('/api/audit', { ...opts, query: { ...query } }),
  verify: () => api.get<AuditVerifyResult>('/api/audit/verify'),
};

export const calendarApi = {
  years: () => api.get<{ years: CalendarYear[] }>('/api/calendar/years'),
  year: (year: number, opts?: RequestOptions) => api.get<CalendarYearDetail>(`/api/calendar/years/${year}`, opts),
  putYear: (year: number, source: string, days: CalendarDay[], opts?: RequestOptions) =>
    api.put<CalendarYearDetail>(`/api/calendar/years/${year}`, { source, days }, opts),
  compute: (from: string, n: number, unit: DeadlineUnit) =>
    api.get<DeadlineResult>('/api/calendar/compute', { query: { from, n, unit } }),
};
