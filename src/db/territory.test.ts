import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../testing/context';
import { appendAudit } from './audit-repo';
import { assertInScope, auditScopeWhere } from './territory';
import { auditLog } from './schema/index';
import { scopeOf, type Scope } from '../domain/identity/territory';
import type { SessionUser } from '../domain/identity/roles';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  for (const regionCode of ['530102', '5301%x', '53_102', '530199', '539900']) {
    await ctx.db.transaction((tx) => appendAudit(tx, ctx.clock.now(), { actor: null, action: 't', entityType: 'institution', entityId: regionCode, regionCode }));
  }
});
afterAll(async () => {
  await ctx.close();
});

const visible = async (scope: Scope) =>
  (await ctx.db.select({ id: auditLog.entityId }).from(auditLog).where(auditScopeWhere(scope))).map((r) => r.id).sort();

describe('territory SQL', () => {
  it('matches a region prefix literally (LIKE wildcards escaped)', async () => {
    expect(await visible({ kind: 'region', prefix: '5301' })).toEqual(['5301%x', '530102', '530199']);
    expect(await visible({ kind: 'region', prefix: '5301%' })).toEqual(['5301%x']);
    expect(await visible({ kind: 'region', prefix: '53_' })).toEqual(['53_102']);
    expect(await visible({ kind: 'all' })).toHaveLength(5);
    expect(await visible({ kind: 'none' })).toEqual([]);
    expect(await visible({ kind: 'institution', institutionId: '530102' })).toEqual(['530102']);
  });
});

describe('scopes', () => {
  const user = (o: Partial<SessionUser>): SessionUser => ({
    id: 'u', username: 'u', displayName: 'u', roles: ['agency_officer'], orgId: 'o', orgName: 'o', orgKind: 'agency',
    orgLevel: 'county', orgRegionCode: null, institutionId: null, csrfToken: 'c', ...o,
  });
  it('derives prefixes from the organisation level (省本级 / 市本级 fall inside)', () => {
    const prov = scopeOf(user({ orgLevel: 'province', orgRegionCode: '530000' }));
    const pref = scopeOf(user({ orgLevel: 'prefecture', orgRegionCode: '530100' }));
    const county = scopeOf(user({ orgLevel: 'county', orgRegionCode: '530102' }));
    expect(prov).toEqual({ kind: 'region', prefix: '53' });
    expect(pref).toEqual({ kind: 'region', prefix: '5301' });
    expect(county).toEqual({ kind: 'region', prefix: '530102' });
    expect(() => assertInScope(prov, { regionCode: '539900' })).not.toThrow();
    expect(() => assertInScope(pref, { regionCode: '530199' })).not.toThrow();
    expect(() => assertInScope(pref, { regionCode: '539900' })).toThrow(/不存在/);
    expect(() => assertInScope(county, { regionCode: '530103' })).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(scopeOf(user({ orgKind: 'system', orgLevel: 'national' }))).toEqual({ kind: 'all' });
    expect(scopeOf(user({ orgKind: 'expert_pool', orgLevel: 'province', orgRegionCode: '530000' }))).toEqual({ kind: 'none' });
    expect(scopeOf(null)).toEqual({ kind: 'none' });
    const inst = scopeOf(user({ orgKind: 'institution', institutionId: 'i1', orgRegionCode: '530102' }));
    expect(() => assertInScope(inst, { regionCode: '530102', institutionId: 'i2' })).toThrow();
    expect(() => assertInScope(inst, { regionCode: '530102', institutionId: 'i1' })).not.toThrow();
  });
});
