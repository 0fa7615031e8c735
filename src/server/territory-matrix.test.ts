/**
 * Role × territory matrix. Walks every /api route the app registers (app.apiRoutes, collected
 * by the session plugin) and checks it against ACCESS below: a route without an entry fails
 * the first test, so that no endpoint is added without deciding who may call it.
 *
 * Per route: anonymous → 401 (unless the entry says otherwise); no actor ever gets a 5xx;
 * a role outside `roles` is refused (403 on reads; on writes any 4xx, since body validation
 * may answer 400 first); an allowed role is not refused. Routes marked `territory:
 * 'institution'` are called with the id of an institution inside and outside the actor's
 * territory: inside answers `insideStatus` (default 200), outside answers 404 — never 403.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import { createTestContext, type TestContext } from '../testing/context';
import { buildOrg, buildUser, ensureRegion, sessionHeaders } from '../testing/factories';
import { institutions } from '../db/schema/index';
import { scopeContains, scopeOf } from '../domain/identity/territory';
import type { Role, SessionUser } from '../domain/identity/roles';
import { loadSessionUser } from '../db/session-repo';
import { buildApp } from './app';

type Access = {
  /** roles that may call the route; 'any' = every signed-in user */
  roles: readonly Role[] | 'any';
  /** the :id parameter is an institution, checked against the actor's territory */
  territory?: 'institution';
  /** status for an allowed actor inside the territory (default 200) */
  insideStatus?: number;
  /** status for an anonymous caller (default 401) */
  anonymous?: number;
  /** path parameters other than a territory :id */
  params?: Record<string, string>;
  query?: string;
  body?: unknown;
};

const AGENCY: readonly Role[] = ['agency_officer', 'agency_head'];
const AUDIT_READERS: readonly Role[] = ['sysadmin', 'agency_head', 'agency_officer', 'admin_dept_officer'];

/** Routes not walked: documentation, health, login and the public (anonymous) API. */
const SKIP = [/^\/api\/docs/, /^\/api\/openapi\.json$/, /^\/api\/health$/, /^\/api\/auth\/login$/, /^\/api\/public\//];

/** Who may call what. Keys are "METHOD /pattern" exactly as registered. */
const ACCESS: Record<string, Access> = {
  // identity & audit
  'GET /api/auth/me': { roles: 'any' },
  'POST /api/auth/logout': { roles: 'any', anonymous: 204, insideStatus: 204 },
  'GET /api/audit': { roles: AUDIT_READERS },
  'GET /api/audit/verify': { roles: ['sysadmin'] },
  // reference data
  'GET /api/meta/enums': { roles: 'any', anonymous: 200 },
  'GET /api/regions': { roles: 'any' },
  'GET /api/regions/:code': { roles: 'any', params: { code: '530102' } },
  'GET /api/organizations': { roles: 'any' },
  // registry (属地管理)
  'GET /api/institutions': { roles: 'any' },
  'GET /api/institutions/:id': { roles: 'any', territory: 'institution' },
  'POST /api/institutions': { roles: AGENCY, body: {} },
  // a stale version: inside the territory 409, outside 404, and nothing changes
  'PATCH /api/institutions/:id': { roles: AGENCY, territory: 'institution', insideStatus: 409, body: { version: 999_999 } },
  // working-day calendar
  'GET /api/calendar/years': { roles: 'any' },
  'GET /api/calendar/years/:year': { roles: 'any', params: { year: '2025' } },
  'PUT /api/calendar/years/:year': { roles: ['sysadmin'], params: { year: '2025' }, body: {} },
  'GET /api/calendar/compute': { roles: 'any', query: 'from=2025-09-25&n=5&unit=workday' },
  // sandbox clock
  'GET /api/admin/clock': { roles: 'any' },
  'POST /api/admin/clock/advance': { roles: ['sysadmin'], body: {} },
  // rules as code (read-only for every signed-in user)
  'GET /api/rules': { roles: 'any' },
  'GET /api/rules/profiles': { roles: 'any' },
  'GET /api/rules/diff': { roles: 'any' },
  'GET /api/rules/:id': { roles: 'any' },
  // outer pipeline: complaints, negotiation, agreements and signing (ids are random: allowed roles get 404)
  'GET /api/complaints': { roles: ['agency_officer', 'agency_head', 'admin_dept_officer'] },
  'POST /api/complaints/:id/resolve': { roles: AGENCY, body: { foundTrue: false, finding: '不属实' } },
  'GET /api/applications/:id/negotiation': { roles: ['agency_officer', 'agency_head', 'admin_dept_officer', 'institution_staff'] },
  'POST /api/applications/:id/negotiations': { roles: AGENCY, body: {} },
  'POST /api/applications/:id/negotiation/conclude': { roles: AGENCY, body: { agreed: true } },
  'GET /api/agreement-templates': { roles: 'any' },
  'GET /api/agreement-templates/:id': { roles: 'any' },
  'POST /api/agreement-templates': { roles: ['agency_officer', 'agency_head', 'admin_dept_officer'], body: {} },
  'POST /api/applications/:id/agreement': { roles: AGENCY, body: {} },
  'GET /api/applications/:id/sites': { roles: ['agency_officer', 'agency_head', 'admin_dept_officer', 'institution_staff'] },
  'POST /api/applications/:id/sites/:siteId/evaluation': { roles: AGENCY, body: { pass: true } },
  'GET /api/agreements': { roles: ['agency_officer', 'agency_head', 'admin_dept_officer', 'institution_staff'] },
  'GET /api/agreements/:id': { roles: ['agency_officer', 'agency_head', 'admin_dept_officer', 'institution_staff'] },
  'POST /api/agreements/:id/study': { roles: AGENCY, body: {} },
  'POST /api/agreements/:id/mandates': { roles: ['institution_staff'], body: {} },
  'GET /api/agreements/:id/mandates': { roles: ['agency_officer', 'agency_head', 'admin_dept_officer', 'institution_staff'] },
  'POST /api/agreements/:id/mandates/grant': { roles: ['institution_staff'], body: {} },
  'POST /api/agreements/:id/mandates/:mandateId/revoke': { roles: ['institution_staff'], params: { mandateId: randomUUID() }, body: {} },
  'POST /api/agreements/:id/mandates/:mandateId/review': { roles: AGENCY, params: { mandateId: randomUUID() }, body: {} },
  'POST /api/agreements/:id/sign': { roles: ['institution_staff', 'agency_head'], body: {} },
  'GET /api/agreements/:id/verify': { roles: ['agency_officer', 'agency_head', 'admin_dept_officer', 'institution_staff'] },
  'GET /api/agreements/:id/document': { roles: ['agency_officer', 'agency_head', 'admin_dept_officer', 'institution_staff'] },
  'GET /api/filings': { roles: ['admin_dept_officer'] },
  'GET /api/filings/:id': { roles: ['admin_dept_officer'] },
  'POST /api/filings/:id/acknowledge': { roles: ['admin_dept_officer'], body: {} },
  // batch receipt (decision 0019): random ids → 404 for the department, nothing written
  'POST /api/filings/acknowledge': { roles: ['admin_dept_officer'], body: { ids: [randomUUID()] }, insideStatus: 404 },
  'GET /api/statistics/pipeline': { roles: ['admin_dept_officer', 'agency_officer', 'agency_head'] },
  // 云人社发〔2016〕308号 二(四) beds per 1,000 insured, 一(四) report to the province (territory: province.test.ts)
  'POST /api/insured-counts': { roles: AGENCY, body: {} },
  'GET /api/statistics/beds': { roles: ['admin_dept_officer', 'agency_officer', 'agency_head'] },
  // 协议解除（及中止）情况季度报告 (吉医保规〔2023〕1号 第三十一条; territory: termination-report.test.ts)
  'GET /api/reports/terminations': { roles: ['admin_dept_officer', 'agency_officer', 'agency_head'], query: 'year=2025&quarter=3' },
  'GET /api/reports/terminations.xlsx': { roles: ['admin_dept_officer', 'agency_officer', 'agency_head'], query: 'year=2025&quarter=3' },
  'POST /api/province-reports': { roles: AGENCY, body: {} },
  'GET /api/province-reports': { roles: ['admin_dept_officer', 'agency_officer', 'agency_head'] },
  'GET /api/province-reports/:id': { roles: ['admin_dept_officer', 'agency_officer', 'agency_head'] },
  'GET /api/experts/panels': { roles: ['expert'] },
  'POST /api/experts/panels/:id/inspection': { roles: ['expert'], body: { findings: '现场核查情况' } },
  'POST /api/experts/panels/:id/scores': { roles: ['expert'], body: { scores: {} } },
  'POST /api/experts/panels/:id/vote': { roles: ['expert'], body: { vote: 'pass' } },
  'POST /api/experts/panels/:id/sign': { roles: ['expert'], body: {} },
  'POST /api/experts/panels/:id/recuse': { roles: ['expert'], body: { reason: '与申请机构存在利害关系', version: 1 } },
  // 评估专家库 (decision 0028): the agencies whose territory holds the pool; random pool ids answer 404 (territory: expert-pool.test.ts)
  'GET /api/expert-pools': { roles: AGENCY },
  'GET /api/expert-pools/:poolId/experts': { roles: AGENCY },
  'POST /api/expert-pools/:poolId/experts': { roles: AGENCY, body: {} },
  'PATCH /api/expert-pools/:poolId/experts/:expertId': { roles: AGENCY, body: {} },
  'POST /api/expert-pools/:poolId/experts/:expertId/status': { roles: AGENCY, body: { status: 'suspended', reason: '测试', version: 1 } },
  'GET /api/expert-pools/:poolId/import-template': { roles: AGENCY },
  'POST /api/expert-pools/:poolId/import': { roles: AGENCY, body: {} },
  'POST /api/expert-pools/:poolId/import/rejected-rows': { roles: AGENCY, body: {} },
  // 第三方服务机构备案 (吉医保规〔2023〕1号 第三十三条第二款; ids are random: allowed roles get 404; territory: third-party-filings.test.ts)
  'POST /api/third-party-filings': { roles: ['institution_staff'], body: {} },
  'GET /api/third-party-filings': { roles: ['institution_staff', 'agency_officer', 'agency_head', 'admin_dept_officer'] },
  'GET /api/third-party-filings/:id': { roles: ['institution_staff', 'agency_officer', 'agency_head', 'admin_dept_officer'] },
  'POST /api/third-party-filings/:id/checks': { roles: AGENCY, body: { item: 'practice_licence', pass: true } },
  'POST /api/third-party-filings/:id/decision': { roles: AGENCY, body: { accept: false, note: '材料不全' } },
  // designation pipeline (applications: 404 outside the territory; an unknown id answers 404 to everyone)
  'POST /api/applications': { roles: ['institution_staff'], body: {} },
  'PATCH /api/applications/:id/declaration': { roles: ['institution_staff'], body: { version: 1 } },
  'GET /api/applications': { roles: ['institution_staff', 'agency_officer', 'agency_head', 'admin_dept_officer', 'sysadmin'] },
  // Excel of the filtered queue, same readers and territory filter as the list (decision 0019)
  'GET /api/applications/export': { roles: ['institution_staff', 'agency_officer', 'agency_head', 'admin_dept_officer', 'sysadmin'] },
  'GET /api/applications/:id': { roles: 'any' },
  'GET /api/applications/:id/materials-required': { roles: 'any' },
  'GET /api/applications/declaration-rules': { roles: ['institution_staff'] },
  'POST /api/applications/:id/conditions/check': { roles: AGENCY, body: { version: 1 } },
  'POST /api/applications/:id/conditions/findings': { roles: AGENCY, body: { version: 1, ruleId: 'x', met: true, note: '核查依据' } },
  'POST /api/applications/:id/events/:event': { roles: ['institution_staff', 'agency_officer', 'agency_head', 'expert'], params: { event: 'accept' }, body: { version: 1 } },
  'POST /api/admin/deadlines/sweep': { roles: ['sysadmin'] },
  'POST /api/applications/:id/materials': { roles: ['institution_staff'], body: {} },
  'GET /api/applications/:id/materials/:mid': { roles: 'any' },
  'DELETE /api/applications/:id/materials/:mid': { roles: ['institution_staff'] },
  // single sign-on (decision 0026): public config/start/callback (without OIDC_ISSUER: disabled → redirect to /login); links by the system administrator
  'GET /api/auth/oidc/config': { roles: 'any', anonymous: 200 },
  'GET /api/auth/oidc/start': { roles: 'any', anonymous: 302, insideStatus: 302 },
  'GET /api/auth/oidc/callback': { roles: 'any', anonymous: 302, insideStatus: 302 },
  'GET /api/admin/identities': { roles: ['sysadmin'] },
  'POST /api/admin/identities': { roles: ['sysadmin'], body: { username: 'nobody', subject: 'x' } },
  'DELETE /api/admin/identities/:id': { roles: ['sysadmin'] },
  'GET /api/applications/:id/documents/:file': { roles: 'any', params: { file: `${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}.pdf` } },
  // 医药机构自助注册 (decision 0027): the applicant's own registration is found by its account (others: 404);
  // the queue and decisions are the territory's agency's (ids are random: 404; territory: routes/registrations.test.ts)
  'GET /api/registrations/mine': { roles: 'any' },
  'PUT /api/registrations/mine': { roles: 'any', body: {} },
  'POST /api/registrations/mine/files': { roles: 'any', body: {} },
  'GET /api/registrations/mine/files/:fileId': { roles: 'any' },
  'GET /api/registrations': { roles: AGENCY },
  'GET /api/registrations/:id': { roles: AGENCY },
  'GET /api/registrations/:id/files/:fileId': { roles: AGENCY },
  'POST /api/registrations/:id/verify': { roles: AGENCY, body: { version: 1 } },
  'POST /api/registrations/:id/return': { roles: AGENCY, body: { version: 1, reason: '材料不全' } },
  'POST /api/registrations/:id/reject': { roles: AGENCY, body: { version: 1, reason: '冒用统一社会信用代码' } },
  // accounts and organisations (issue #9; rules and territory: src/server/routes/accounts.test.ts, admin-organizations.test.ts)
  'GET /api/admin/organizations': { roles: ['sysadmin'] },
  'POST /api/admin/organizations': { roles: ['sysadmin'], body: {} },
  'PATCH /api/admin/organizations/:id': { roles: ['sysadmin'], body: { version: 1 } },
  'POST /api/admin/organizations/:id/deactivate': { roles: ['sysadmin'], body: { version: 1 } },
  'POST /api/admin/organizations/:id/reactivate': { roles: ['sysadmin'], body: { version: 1 } },
  'GET /api/accounts': { roles: ['sysadmin', 'agency_head', 'institution_admin'] },
  'POST /api/accounts': { roles: ['sysadmin', 'agency_head', 'institution_admin'], body: {} },
  'GET /api/accounts/:id': { roles: ['sysadmin', 'agency_head', 'institution_admin'] },
  'PATCH /api/accounts/:id': { roles: ['sysadmin', 'agency_head', 'institution_admin'], body: { version: 1 } },
  'POST /api/accounts/:id/deactivate': { roles: ['sysadmin', 'agency_head', 'institution_admin'], body: { version: 1 } },
  'POST /api/accounts/:id/reactivate': { roles: ['sysadmin', 'agency_head', 'institution_admin'], body: { version: 1 } },
  'POST /api/accounts/:id/reset-password': { roles: ['sysadmin', 'agency_head', 'institution_admin'], body: { version: 1 } },
  'POST /api/accounts/:id/legal-representative': { roles: ['sysadmin', 'institution_admin'], body: { version: 1, idNumber: null } },
  // own password: every signed-in user (a wrong current password answers 400)
  'POST /api/account/password': { roles: 'any', body: { currentPassword: 'wrong-password', newPassword: 'a-new-long-passphrase' } },
  // role home pages (issue #9): every signed-in user, each inside its own territory (src/home/load-home.ts)
  'GET /api/home': { roles: 'any' },
  // registry import and export (issue #9): an agency's own jobs; the export filters by the actor's territory
  'GET /api/imports/template.xlsx': { roles: AGENCY },
  'GET /api/imports': { roles: AGENCY },
  'GET /api/imports/:id': { roles: AGENCY, insideStatus: 404 },
  'GET /api/imports/:id/rejected.xlsx': { roles: AGENCY, insideStatus: 404 },
  'POST /api/imports': { roles: AGENCY, body: {} },
  'GET /api/institutions/export': { roles: AGENCY },
  // 材料审核 findings (decision 0024): the agency only; an unknown application answers 404
  'GET /api/applications/:id/findings': { roles: AGENCY },
  'POST /api/applications/:id/findings': { roles: AGENCY, body: {} },
  'POST /api/applications/:id/findings/:findingId/resolve': { roles: AGENCY, params: { findingId: `${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}` }, body: {} },
  // 统筹地区参数 (decision 0031): the agencies and the sysadmin read; a prefecture outside the territory answers 404
  // (territory: routes/local-parameters.test.ts); the agency head sets (an empty body answers 400)
  'GET /api/local-parameters/regions': { roles: [...AGENCY, 'sysadmin'] },
  'GET /api/local-parameters/checklist': { roles: ['agency_head', 'sysadmin'] },
  'GET /api/local-parameters/:regionCode': { roles: [...AGENCY, 'sysadmin'], params: { regionCode: '530100' } },
  'PUT /api/local-parameters/:regionCode/:key': { roles: ['agency_head'], params: { regionCode: '530100', key: 'signing.limit.workdays' }, body: {} },
  // 地区评估标准和流程 (decision 0043; county layer and territory: routes/county-parameters.test.ts, routes/region-standards.test.ts)
  'GET /api/region-standards/:regionCode': { roles: [...AGENCY, 'sysadmin'], params: { regionCode: '530100' } },
  'PUT /api/region-standards/:regionCode/:kind': { roles: ['agency_head'], params: { regionCode: '530100', kind: 'new_designation' }, body: {} },
  'POST /api/region-standards/:regionCode/:kind/:id/withdraw': { roles: ['agency_head'], params: { regionCode: '530100', kind: 'new_designation', id: '00000000-0000-4000-8000-000000000001' }, body: {} },
  // the agreement's life after signing (issue #10): agencies and departments read the register, institutions their own;
  // ids are random (allowed roles get 404; territory: routes/agreement-life.test.ts)
  'GET /api/agreement-register': { roles: ['agency_officer', 'agency_head', 'admin_dept_officer'] },
  'GET /api/agreement-register/export.xlsx': { roles: ['agency_officer', 'agency_head', 'admin_dept_officer'] },
  'GET /api/my/agreements': { roles: ['institution_staff', 'institution_admin'] },
  'GET /api/agreements/:id/life': { roles: ['agency_officer', 'agency_head', 'admin_dept_officer', 'institution_staff', 'institution_admin'] },
  'POST /api/agreements/:id/life-events/:event': { roles: ['agency_officer', 'agency_head', 'institution_staff', 'institution_admin'], params: { event: 'terminate' }, body: { version: 1 } },
  'GET /api/agreements/:id/life-documents/:file': { roles: ['agency_officer', 'agency_head', 'admin_dept_officer', 'institution_staff', 'institution_admin'], params: { file: `${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}.pdf` } },
  // 暂停人员/科室医保结算 (decision 0035; steps and territory: routes/settlement-restrictions.test.ts)
  'GET /api/agreements/:id/settlement-restrictions': { roles: ['agency_officer', 'agency_head', 'admin_dept_officer', 'institution_staff', 'institution_admin'] },
  'POST /api/agreements/:id/settlement-restrictions': { roles: [...AGENCY], body: {} },
  'POST /api/settlement-restrictions/:id/events/:event': { roles: [...AGENCY], params: { event: 'lift' }, body: { version: 1, reason: '整改完成' } },
  'GET /api/settlement-restrictions/:id/documents/:file': { roles: ['agency_officer', 'agency_head', 'admin_dept_officer', 'institution_staff', 'institution_admin'], params: { file: `${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}.pdf` } },
  // 争议 (decision 0035; steps: routes/disputes.test.ts)
  // 续签申请 (decision 0048; steps: routes/renewal-applications.test.ts)
  'GET /api/agreements/:id/renewal-application-terms': { roles: ['institution_staff', 'institution_admin', 'agency_officer', 'agency_head', 'admin_dept_officer'], insideStatus: 404 },
  'POST /api/renewal-applications': { roles: ['institution_staff', 'institution_admin'], body: {} },
  'GET /api/renewal-applications': { roles: ['institution_staff', 'institution_admin', 'agency_officer', 'agency_head', 'admin_dept_officer'] },
  'GET /api/renewal-applications/:id': { roles: ['institution_staff', 'institution_admin', 'agency_officer', 'agency_head', 'admin_dept_officer'], insideStatus: 404 },
  'POST /api/renewal-applications/:id/events': { roles: ['institution_staff', 'institution_admin', 'agency_officer', 'agency_head'], body: { type: 'withdraw', version: 1 } },
  'POST /api/disputes': { roles: ['institution_staff', 'institution_admin'], body: {} },
  'GET /api/disputes': { roles: ['institution_staff', 'institution_admin', 'agency_officer', 'agency_head', 'admin_dept_officer'] },
  'GET /api/disputes/:id': { roles: ['institution_staff', 'institution_admin', 'agency_officer', 'agency_head', 'admin_dept_officer'] },
  'POST /api/disputes/:id/events': { roles: ['institution_staff', 'institution_admin', 'agency_officer', 'agency_head', 'admin_dept_officer'], body: { type: 'close', outcome: 'upheld', note: 'x', version: 1 } },
  'POST /api/disputes/:id/reverse': { roles: [...AGENCY], body: { agreementVersion: 1 } },
  // a dispute's evidence (decision 0042; routes/disputes.test.ts): either side and the coordinating department
  'POST /api/disputes/:id/files': { roles: ['institution_staff', 'institution_admin', 'agency_officer', 'agency_head', 'admin_dept_officer'], body: {} },
  'GET /api/disputes/:id/files': { roles: ['institution_staff', 'institution_admin', 'agency_officer', 'agency_head', 'admin_dept_officer'] },
  'GET /api/disputes/:id/files/:fileId': { roles: ['institution_staff', 'institution_admin', 'agency_officer', 'agency_head', 'admin_dept_officer'] },
  // 评价建议 (云医保〔2022〕6号 第二十三条; routes/agency-ratings.test.ts)
  'POST /api/agency-ratings': { roles: ['institution_staff', 'institution_admin', ...AGENCY], body: {} },
  'GET /api/agency-ratings': { roles: ['institution_staff', 'institution_admin', 'agency_officer', 'agency_head', 'admin_dept_officer'] },
  'POST /api/agency-ratings/:id/answer': { roles: [...AGENCY], body: { answer: '已改进', version: 1 } },
  // 系统对接（结算订阅） (decision 0033): the system administrator only (random ids: 404); the pull feed also
  // admits the agencies and administrative departments inside their territory and a subscription's bearer token
  // (territory, 401 and bearer cases: routes/outbox.test.ts)
  'GET /api/admin/webhooks/topics': { roles: ['sysadmin'] },
  'GET /api/admin/webhooks': { roles: ['sysadmin'] },
  'POST /api/admin/webhooks': { roles: ['sysadmin'], body: {} },
  'PATCH /api/admin/webhooks/:id': { roles: ['sysadmin'], body: { version: 1 } },
  'POST /api/admin/webhooks/:id/deactivate': { roles: ['sysadmin'], body: { version: 1 } },
  'POST /api/admin/webhooks/:id/activate': { roles: ['sysadmin'], body: { version: 1 } },
  'GET /api/admin/webhooks/:id/deliveries': { roles: ['sysadmin'] },
  'POST /api/admin/webhooks/:id/deliveries/:eventId/retry': { roles: ['sysadmin'], params: { eventId: '1' } },
  'POST /api/admin/webhooks/:id/test': { roles: ['sysadmin'] },
  'POST /api/admin/outbox/deliver': { roles: ['sysadmin'] },
  'GET /api/feeds/agreement-events': { roles: ['sysadmin', 'agency_officer', 'agency_head', 'admin_dept_officer'] },
  // 变更申请 (issue #10): the institution its own, the agency its territory (ids are random: allowed roles get 404;
  // territory and steps: routes/change-requests.test.ts)
  'GET /api/change-requests/rules': { roles: ['institution_staff', 'institution_admin'] },
  'POST /api/change-requests': { roles: ['institution_staff', 'institution_admin'], body: {} },
  'GET /api/change-requests': { roles: ['institution_staff', 'institution_admin', 'agency_officer', 'agency_head', 'admin_dept_officer'] },
  'GET /api/change-requests/:id': { roles: ['institution_staff', 'institution_admin', 'agency_officer', 'agency_head', 'admin_dept_officer'] },
  'POST /api/change-requests/:id/events/:event': { roles: ['institution_staff', 'institution_admin', ...AGENCY], params: { event: 'approve' }, body: { version: 1 } },
  'POST /api/change-requests/:id/files': { roles: ['institution_staff', 'institution_admin'], body: {} },
  'GET /api/change-requests/:id/files/:fileId': { roles: ['institution_staff', 'institution_admin', 'agency_officer', 'agency_head', 'admin_dept_officer'] },
  'GET /api/change-requests/:id/documents/:file': { roles: ['institution_staff', 'institution_admin', 'agency_officer', 'agency_head', 'admin_dept_officer'], params: { file: 'x.pdf' } },
  // 续签 campaigns (issue #11; territory and steps: routes/renewal-campaigns.test.ts)
  'POST /api/renewal-campaigns': { roles: AGENCY, body: {} },
  'GET /api/indicators/template.xlsx': { roles: AGENCY },
  'POST /api/indicators/batch': { roles: AGENCY, body: {} },
  'POST /api/indicators/upload': { roles: AGENCY, body: {} },
  'GET /api/indicator-imports': { roles: AGENCY },
  'GET /api/indicator-imports/:id': { roles: AGENCY, insideStatus: 404 },
  'GET /api/indicator-imports/:id/rejected.xlsx': { roles: AGENCY, insideStatus: 404 },
  'GET /api/institutions/:id/indicators': { roles: [...AGENCY, 'admin_dept_officer'], territory: 'institution' },
  'GET /api/renewal-campaigns': { roles: [...AGENCY, 'admin_dept_officer'] },
  'GET /api/renewal-campaigns/:id': { roles: [...AGENCY, 'admin_dept_officer'] },
  'GET /api/renewal-campaigns/:id/items': { roles: [...AGENCY, 'admin_dept_officer'] },
  'GET /api/renewal-campaigns/:id/items/export.xlsx': { roles: [...AGENCY, 'admin_dept_officer'] },
  'POST /api/renewal-items/:id/decision': { roles: AGENCY, body: { type: 'accept', version: 1 } },
  'POST /api/renewal-campaigns/:id/bulk-decision': { roles: AGENCY, body: {} },
  'POST /api/renewal-campaigns/:id/close': { roles: AGENCY, body: { version: 1 } },
  'GET /api/my/renewal': { roles: ['institution_staff', 'institution_admin'] },
  // the renewed agreements (decision 0045; territory and steps: routes/renewal-signing.test.ts)
  'POST /api/renewal-campaigns/:id/generate-renewals': { roles: AGENCY, body: {} },
  'GET /api/renewal-campaigns/:id/signing': { roles: [...AGENCY, 'admin_dept_officer'] },
  'POST /api/renewal-items/:id/fixed-annual': { roles: AGENCY, body: { version: 1, fixedAnnual: false } },
  'POST /api/renewal-agreements/:id/sign': { roles: ['institution_staff'], body: {} },
  'POST /api/renewal-campaigns/:id/countersign': { roles: ['agency_head'], body: {} },
  'POST /api/renewal-campaigns/:id/what-if': { roles: [...AGENCY, 'admin_dept_officer'], body: {} },
  'GET /api/renewal-compare': { roles: [...AGENCY, 'admin_dept_officer'], query: 'agreement=X&a=yunnan&b=beijing' },
  'GET /api/renewal-campaigns/:id/schedule': { roles: [...AGENCY, 'admin_dept_officer'] },
  'POST /api/renewal-campaigns/:id/what-if/export.xlsx': { roles: [...AGENCY, 'admin_dept_officer'], body: {} },
  'GET /api/renewal-campaigns/:id/signing/export.xlsx': { roles: [...AGENCY, 'admin_dept_officer'] },
  'POST /api/renewal-items/:id/reevaluation': { roles: AGENCY, body: { version: 1, passed: true, note: '评估通过' } },
  // 报市 and 市级协商谈判 (京医保发〔2021〕30号 第四十一条, decision 0057; territory and steps: routes/renewal-city.test.ts)
  'GET /api/renewal-campaigns/:id/report': { roles: [...AGENCY, 'admin_dept_officer'] },
  'POST /api/renewal-campaigns/:id/report': { roles: AGENCY, body: { version: 1 } },
  'POST /api/renewal-items/:id/negotiation': { roles: AGENCY, body: { version: 1, outcome: 'renew', note: '协商一致' } },
  'POST /api/renewal-campaigns/:id/bulk-negotiation': { roles: AGENCY, body: { filter: {}, expectedCount: 1, outcome: 'renew', note: '协商一致' } },
};

interface ActorSpec {
  name: string;
  org: Parameters<typeof buildOrg>[1];
  roles: Role[];
}
const INSIDE_INST = 'inst-530102';
const ACTORS: ActorSpec[] = [
  { name: '系统管理员（全国）', org: { kind: 'system', level: 'national' }, roles: ['sysadmin'] },
  { name: '省经办 530000', org: { kind: 'agency', level: 'province', regionCode: '530000' }, roles: ['agency_head', 'agency_officer'] },
  { name: '市经办 530100', org: { kind: 'agency', level: 'prefecture', regionCode: '530100' }, roles: ['agency_officer'] },
  { name: '县经办 530102', org: { kind: 'agency', level: 'county', regionCode: '530102' }, roles: ['agency_officer'] },
  { name: '县经办 530302（另一地市）', org: { kind: 'agency', level: 'county', regionCode: '530302' }, roles: ['agency_head'] },
  { name: '省行政部门 530000', org: { kind: 'admin_dept', level: 'province', regionCode: '530000' }, roles: ['admin_dept_officer'] },
  { name: '医药机构经办人', org: { kind: 'institution', level: 'county', regionCode: '530102' }, roles: ['institution_staff'] },
  { name: '评估专家', org: { kind: 'expert_pool', level: 'province', regionCode: '530000' }, roles: ['expert'] },
  { name: '第三方评估机构人员', org: { kind: 'third_party_assessor', level: 'province', regionCode: '530000' }, roles: ['third_party_assessor'] },
];
/** institutions placed around the territories: county, 市本级, 省本级, another prefecture, another province */
const INSTITUTION_REGIONS: Record<string, string> = {
  [INSIDE_INST]: '530102',
  'inst-530199': '530199',
  'inst-539900': '539900',
  'inst-530302': '530302',
  'inst-110105': '110105',
};

let ctx: TestContext;
let app: FastifyInstance;
const instIds: Record<string, string> = {};
const actors: { spec: ActorSpec; userId: string; user: SessionUser }[] = [];

beforeAll(async () => {
  ctx = await createTestContext();
  app = await buildApp(ctx);
  const now = ctx.clock.now();
  let n = 0;
  for (const [key, regionCode] of Object.entries(INSTITUTION_REGIONS)) {
    await ensureRegion(ctx, regionCode);
    const [row] = await ctx.db
      .insert(institutions)
      .values({
        name: `矩阵测试医院${++n}`, uscc: `MATRIX${n}`.padEnd(18, '0'), kind: 'medical', subtype: 'general_hospital',
        ownership: 'public', regionCode, address: '测试地址', createdAt: now, updatedAt: now,
      } as typeof institutions.$inferInsert)
      .returning({ id: institutions.id });
    instIds[key] = row!.id;
  }
  for (const spec of ACTORS) {
    const org = await buildOrg(ctx, { ...spec.org, ...(spec.org.kind === 'institution' ? { institutionId: instIds[INSIDE_INST] } : {}) });
    const u = await buildUser(ctx, org.id, spec.roles);
    const h = await sessionHeaders(ctx, u.id);
    const user = (await loadSessionUser(ctx.db, h.cookie!.split('=')[1]!, ctx.clock.now()))!;
    actors.push({ spec, userId: u.id, user });
  }
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

const routeKey = (r: { method: string; url: string }) => `${r.method} ${r.url}`;
const walked = () =>
  app.apiRoutes.filter((r) => r.method !== 'HEAD' && r.method !== 'OPTIONS' && !SKIP.some((s) => s.test(r.url)));

function urlFor(pattern: string, access: Access, id?: string): string {
  const path = pattern.replace(/:(\w+)/g, (_m, name: string) =>
    encodeURIComponent(name === 'id' && id ? id : (access.params?.[name] ?? randomUUID())),
  );
  return access.query ? `${path}?${access.query}` : path;
}

async function call(method: string, url: string, access: Access, userId?: string) {
  const headers = userId ? await sessionHeaders(ctx, userId) : {}; // a fresh session each: logout must not end the next call's
  const unsafe = !['GET', 'HEAD', 'OPTIONS'].includes(method);
  return app.inject({ method: method as 'GET', url, headers, ...(unsafe ? { payload: (access.body ?? {}) as object } : {}) });
}

/** A third-party assessor's account reaches these only, whatever the entry says (session plugin; issue #9). */
const THIRD_PARTY_OWN = [/^\/api\/auth\/(me|logout)$/, /^\/api\/account\/password$/, /^\/api\/home$/, /^\/api\/meta\//];
const allowed = (access: Access, roles: Role[], url: string) =>
  (!roles.includes('third_party_assessor') || THIRD_PARTY_OWN.some((o) => o.test(url)))
  && (access.roles === 'any' || roles.some((r) => (access.roles as readonly Role[]).includes(r)));

describe('role × territory matrix', () => {
  it('has an access entry for every API route', () => {
    const missing = walked().map(routeKey).filter((k) => !ACCESS[k]);
    expect(missing, `新接口须在 ACCESS 中声明访问规则: ${missing.join(', ')}`).toEqual([]);
  });

  it('answers anonymous callers with 401 (or the declared status)', async () => {
    const got: string[] = [];
    const want: string[] = [];
    for (const r of walked()) {
      const access = ACCESS[routeKey(r)];
      if (!access) continue;
      const res = await call(r.method, urlFor(r.url, access, instIds[INSIDE_INST]), access);
      got.push(`${routeKey(r)} → ${res.statusCode}`);
      want.push(`${routeKey(r)} → ${access.anonymous ?? 401}`);
    }
    expect(got).toEqual(want);
  });

  it('never answers 5xx, refuses roles outside the entry, admits roles inside it', async () => {
    const problems: string[] = [];
    for (const r of walked()) {
      const access = ACCESS[routeKey(r)];
      if (!access) continue;
      const safe = r.method === 'GET';
      for (const a of actors) {
        const res = await call(r.method, urlFor(r.url, access, instIds[INSIDE_INST]), access, a.userId);
        const s = res.statusCode;
        const label = `${routeKey(r)} as ${a.spec.name}: ${s} ${res.statusCode >= 400 ? res.body.slice(0, 120) : ''}`;
        if (s >= 500) problems.push(`5xx — ${label}`);
        else if (!allowed(access, a.spec.roles, r.url)) {
          if (safe ? s !== 403 : s < 400 || s === 401) problems.push(`should refuse — ${label}`);
        } else if (s === 401 || s === 403) problems.push(`should admit — ${label}`);
      }
    }
    expect(problems).toEqual([]);
  }, 240_000); // every route × every actor: minutes on a loaded machine

  it('answers registry routes inside the territory and 404 outside (never 403)', async () => {
    const problems: string[] = [];
    let exercised = 0;
    for (const r of walked()) {
      const access = ACCESS[routeKey(r)];
      if (access?.territory !== 'institution') continue;
      for (const a of actors) {
        if (!allowed(access, a.spec.roles, r.url)) continue;
        const scope = scopeOf(a.user);
        for (const [key, id] of Object.entries(instIds)) {
          const inside = scopeContains(scope, { regionCode: INSTITUTION_REGIONS[key], institutionId: id });
          const want = inside ? (access.insideStatus ?? 200) : 404;
          const res = await call(r.method, urlFor(r.url, access, id), access, a.userId);
          exercised++;
          if (res.statusCode !== want) problems.push(`${routeKey(r)} ${key} as ${a.spec.name}: want ${want}, got ${res.statusCode} ${res.body.slice(0, 120)}`);
        }
      }
    }
    expect(problems).toEqual([]);
    if (app.apiRoutes.some((r) => r.url === '/api/institutions/:id')) expect(exercised).toBeGreaterThan(0);
  });

  it('territory of each actor, as the matrix expects it', () => {
    const inside = (name: string) => {
      const a = actors.find((x) => x.spec.name === name)!;
      return Object.keys(instIds).filter((k) => scopeContains(scopeOf(a.user), { regionCode: INSTITUTION_REGIONS[k], institutionId: instIds[k] })).sort();
    };
    expect(inside('系统管理员（全国）')).toHaveLength(5);
    expect(inside('省经办 530000')).toEqual(['inst-530102', 'inst-530199', 'inst-530302', 'inst-539900']);
    expect(inside('市经办 530100')).toEqual(['inst-530102', 'inst-530199']);
    expect(inside('县经办 530102')).toEqual(['inst-530102']);
    expect(inside('县经办 530302（另一地市）')).toEqual(['inst-530302']);
    expect(inside('医药机构经办人')).toEqual(['inst-530102']);
    expect(inside('评估专家')).toEqual([]);
  });
});

// An account whose self-registration is not verified (decision 0027): every signed-in route but its own registration's refuses it.
describe('pending self-registration account', () => {
  // its own registration, who-am-I / log out, labels, the anonymous sign-in routes (SSO) and its own password
  const OWN = [/^\/api\/registrations\/mine(\/|$)/, /^\/api\/auth\/(me|logout)$/, /^\/api\/meta\//, /^\/api\/auth\/oidc\//, /^\/api\/account\/password$/];
  it('gets 403 or 404 from every route except its own registration, and never sees the registry', async () => {
    const { ensureApplicantsOrg } = await import('../db/registration-repo');
    const u = await buildUser(ctx, await ensureApplicantsOrg(ctx.db), []);
    const problems: string[] = [];
    let walkedCount = 0;
    for (const r of walked()) {
      const access = ACCESS[routeKey(r)];
      if (!access || OWN.some((o) => o.test(r.url))) continue;
      const res = await call(r.method, urlFor(r.url, access, instIds[INSIDE_INST]), access, u.id);
      walkedCount++;
      if (res.statusCode !== 403 && res.statusCode !== 404) problems.push(`${routeKey(r)}: ${res.statusCode} ${res.body.slice(0, 100)}`);
    }
    expect(problems).toEqual([]);
    expect(walkedCount).toBeGreaterThan(50);
    const me = await call('GET', '/api/auth/me', { roles: 'any' }, u.id);
    expect(me.statusCode).toBe(200);
  });
});

// A third-party assessor's account (issue #9): its home page and its own account only, until the supervision work gives it tasks.
describe('third-party assessor account', () => {
  const OWN = [...THIRD_PARTY_OWN, /^\/api\/auth\/oidc\//];
  it('gets 403 or 404 from every route except its home page and its own account, and never sees the registry', async () => {
    const a = actors.find((x) => x.spec.name === '第三方评估机构人员')!;
    const problems: string[] = [];
    let walkedCount = 0;
    for (const r of walked()) {
      const access = ACCESS[routeKey(r)];
      if (!access || OWN.some((o) => o.test(r.url))) continue;
      const res = await call(r.method, urlFor(r.url, access, instIds[INSIDE_INST]), access, a.userId);
      walkedCount++;
      if (res.statusCode !== 403 && res.statusCode !== 404) problems.push(`${routeKey(r)}: ${res.statusCode} ${res.body.slice(0, 100)}`);
    }
    expect(problems).toEqual([]);
    expect(walkedCount).toBeGreaterThan(50);
    for (const url of ['/api/auth/me', '/api/home']) expect((await call('GET', url, { roles: 'any' }, a.userId)).statusCode, url).toBe(200);
  });
});
