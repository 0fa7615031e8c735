import type { SessionUser } from './roles';

/**
 * 属地管理: what part of the registry a user may see. One pure function decides it;
 * the data layer (db/territory.ts) turns a Scope into SQL, and every query goes through it.
 *
 * Region codes are GB/T 2260: PPCCXX. A province's territory is every code starting
 * with PP (incl. 省本级 PP9900), a prefecture's every code starting with PPCC
 * (incl. 市本级 PPCC99), a county's its own code.
 */
export type Scope =
  | { kind: 'all' } // national administrators and the system
  | { kind: 'region'; prefix: string }
  | { kind: 'institution'; institutionId: string }
  | { kind: 'none' };

export function regionPrefix(code: string, level: 'province' | 'prefecture' | 'county'): string {
  if (level === 'province') return code.slice(0, 2);
  if (level === 'prefecture') return code.slice(0, 4);
  return code;
}

export function scopeOf(user: SessionUser | null): Scope {
  if (!user) return { kind: 'none' };
  if (user.orgKind === 'institution') {
    return user.institutionId ? { kind: 'institution', institutionId: user.institutionId } : { kind: 'none' };
  }
  if (user.orgKind === 'system' || user.orgLevel === 'national') return { kind: 'all' };
  if (user.orgKind === 'agency' || user.orgKind === 'admin_dept') {
    if (!user.orgRegionCode) return { kind: 'none' };
    return { kind: 'region', prefix: regionPrefix(user.orgRegionCode, user.orgLevel as 'province' | 'prefecture' | 'county') };
  }
  // experts see only the panels they sit on (designation pipeline), not the registry
  return { kind: 'none' };
}

export function scopeContainsRegion(scope: Scope, regionCode: string): boolean {
  if (scope.kind === 'all') return true;
  if (scope.kind === 'region') return regionCode.startsWith(scope.prefix);
  return false;
}

/** What territory checks need to know of a record: where it is, and which institution it is (if any). */
export interface TerritoryTarget {
  regionCode?: string | null;
  institutionId?: string | null;
}

/** Whether a record lies inside a scope (the in-memory twin of db/territory.ts's SQL). */
export function scopeContains(scope: Scope, target: TerritoryTarget): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'region':
      return !!target.regionCode && target.regionCode.startsWith(scope.prefix);
    case 'institution':
      return !!target.institutionId && target.institutionId === scope.institutionId;
    case 'none':
      return false;
  }
}
