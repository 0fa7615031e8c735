import { describe, expect, it } from 'vitest';
import { accountAuthority, grantProblems, levelRegionProblem, manageProblem } from './grants';
import type { Role, SessionUser } from './roles';

const actor = (orgKind: SessionUser['orgKind'], roles: Role[], orgId = 'org-a', id = 'me'): Pick<SessionUser, 'id' | 'roles' | 'orgId' | 'orgKind'> =>
  ({ id, roles, orgId, orgKind });
const newIn = (orgId: string, orgKind: SessionUser['orgKind']) => ({ userId: null, orgId, orgKind, currentRoles: [] as Role[] });

describe('who grants which role to whom (issue #9; decision 0025)', () => {
  it('the system administrator manages every organisation, with roles that fit its kind', () => {
    const admin = actor('system', ['sysadmin'], 'sys');
    expect(accountAuthority(admin)).toEqual({ kind: 'all' });
    expect(grantProblems(admin, newIn('any', 'agency'), ['agency_head'])).toEqual({ forbidden: [], invalid: [] });
    expect(grantProblems(admin, newIn('any', 'agency'), ['expert']).invalid).toHaveLength(1);
    expect(grantProblems(admin, newIn('any', 'third_party_assessor'), ['agency_officer']).invalid).toHaveLength(1);
  });

  it('an agency head grants its own role and the officer role beneath it, in its own agency only', () => {
    const head = actor('agency', ['agency_head']);
    expect(accountAuthority(head)).toEqual({ kind: 'own_org', orgId: 'org-a', grantable: ['agency_officer', 'agency_head'] });
    expect(grantProblems(head, newIn('org-a', 'agency'), ['agency_officer']).forbidden).toEqual([]);
    expect(grantProblems(head, newIn('org-b', 'agency'), ['agency_officer']).forbidden).toEqual(['只能管理本机构的账号']);
    expect(grantProblems(head, newIn('org-a', 'agency'), ['sysadmin']).forbidden[0]).toContain('系统管理员');
  });

  it('an officer, an expert and a department officer manage no accounts', () => {
    for (const [kind, role] of [['agency', 'agency_officer'], ['expert_pool', 'expert'], ['admin_dept', 'admin_dept_officer']] as const) {
      expect(accountAuthority(actor(kind, [role]))).toEqual({ kind: 'none' });
    }
    // a head role held in the wrong kind of organisation delegates nothing
    expect(accountAuthority(actor('admin_dept', ['agency_head']))).toEqual({ kind: 'none' });
  });

  it('an institution administrator grants institution_staff and institution_admin only', () => {
    const ia = actor('institution', ['institution_admin']);
    expect(grantProblems(ia, newIn('org-a', 'institution'), ['institution_staff', 'institution_admin']).forbidden).toEqual([]);
    expect(grantProblems(ia, newIn('org-a', 'institution'), ['agency_officer']).forbidden).toHaveLength(1);
  });

  it('a third-party assessor (第三方评估机构) gets its accounts from the system administrator, with its own role only, and in that kind of organisation only', () => {
    const admin = actor('system', ['sysadmin'], 'sys');
    expect(grantProblems(admin, newIn('tp', 'third_party_assessor'), ['third_party_assessor'])).toEqual({ forbidden: [], invalid: [] });
    for (const kind of ['agency', 'admin_dept', 'institution', 'expert_pool', 'system'] as const) {
      expect(grantProblems(admin, newIn('x', kind), ['third_party_assessor']).invalid, kind).toEqual([`${({ agency: '经办机构', admin_dept: '行政部门', institution: '医药机构', expert_pool: '专家库', system: '系统机构' })[kind]}的账号不能授予：第三方评估机构人员`]);
    }
    expect(grantProblems(admin, newIn('tp', 'third_party_assessor'), ['expert']).invalid).toHaveLength(1);
    // it manages no accounts itself, not even its colleagues'
    const assessor = actor('third_party_assessor', ['third_party_assessor'], 'tp');
    expect(accountAuthority(assessor)).toEqual({ kind: 'none' });
    expect(grantProblems(assessor, newIn('tp', 'third_party_assessor'), ['third_party_assessor']).forbidden).toEqual(['只能管理本机构的账号']);
    // an agency head cannot create one in its agency nor in the assessor's organisation
    const head = actor('agency', ['agency_head']);
    expect(grantProblems(head, newIn('org-a', 'agency'), ['third_party_assessor']).forbidden[0]).toContain('第三方评估机构人员');
    expect(grantProblems(head, newIn('tp', 'third_party_assessor'), ['third_party_assessor']).forbidden).toEqual(['只能管理本机构的账号']);
  });

  it('nobody changes their own roles; keeping them while renaming is fine', () => {
    const admin = actor('system', ['sysadmin'], 'sys', 'me');
    const self = { userId: 'me', orgId: 'sys', orgKind: 'system' as const, currentRoles: ['sysadmin'] as Role[] };
    expect(grantProblems(admin, self, ['sysadmin'])).toEqual({ forbidden: [], invalid: [] });
    expect(grantProblems(admin, self, []).forbidden).toEqual(['不能修改自己的角色']);
  });

  it('a head does not manage an account holding a role it cannot grant', () => {
    const head = actor('agency', ['agency_head']);
    expect(manageProblem(head, { userId: 'x', orgId: 'org-a', roles: ['agency_officer'] })).toBeNull();
    expect(manageProblem(head, { userId: 'x', orgId: 'org-a', roles: ['sysadmin'] })).toContain('请联系系统管理员');
    expect(manageProblem(head, { userId: 'x', orgId: 'org-b', roles: ['agency_officer'] })).toBe('只能管理本机构的账号');
  });

  it("an organisation's level matches its region's level", () => {
    expect(levelRegionProblem('prefecture', 'prefecture')).toBeNull();
    expect(levelRegionProblem('county', 'prefecture')).toContain('县区级机构须对应县区级行政区划');
  });
});
