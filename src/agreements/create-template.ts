/**
 * Registers a new version of a 协议范本 or of a 地方补充条款 (2025 draft 一(三): 全区统一协议范本，
 * 分统筹地区可补充细化，但不得与范本相冲突). Rows are never edited: a change is a new version.
 * A supplement that conflicts with its template is refused with every reason.
 */
import { and, eq, ne, or } from 'drizzle-orm';
import { AppError } from '../domain/errors';
import type { SessionUser } from '../domain/identity/roles';
import { scopeContainsRegion, scopeOf } from '../domain/identity/territory';
import { findProfile } from '../domain/policy/profiles';
import { findConflicts, type SupplementClause, type TemplateClause } from '../documents/build-agreement';
import { appendAudit } from '../db/audit-repo';
import { findTemplate, insertTemplate, latestVersion } from '../db/agreement-repo';
import { agreementTemplates } from '../db/schema/index';
import type { AppContext } from '../context';
import { conflictReasons, toSupplement, toTemplate } from './template-model';

export type TemplateInput =
  | { kind: 'template'; code: string; profileId: string; institutionKind: string; year: number; title: string; issuer: string; clauses: TemplateClause[] }
  | { kind: 'supplement'; code: string; baseTemplateId: string; regionCode: string; title: string; issuer: string; clauses: SupplementClause[] };

async function placement(ctx: AppContext, user: SessionUser, input: TemplateInput) {
  const scope = scopeOf(user);
  if (input.kind === 'template') {
    const profile = findProfile(input.profileId);
    if (!profile?.regionCode) throw new AppError('INVALID_INPUT', '协议范本须属于一个省级地区政策配置', { field: 'profileId' });
    if (!scopeContainsRegion(scope, profile.regionCode)) throw new AppError('FORBIDDEN', '只能登记本省（区、市）的协议范本');
    if (scope.kind === 'region' && scope.prefix.length > 2) throw new AppError('FORBIDDEN', '协议范本由省级部门制定，分统筹地区只能登记补充条款');
    return { profileId: input.profileId, institutionKind: input.institutionKind, year: input.year, regionCode: profile.regionCode, baseTemplateId: null };
  }
  const base = await findTemplate(ctx.db, input.baseTemplateId);
  if (!base || base.kind !== 'template') throw new AppError('INVALID_INPUT', '补充条款所依据的协议范本不存在', { field: 'baseTemplateId' });
  if (!input.regionCode.startsWith(base.regionCode.slice(0, 2))) throw new AppError('INVALID_INPUT', '补充条款的适用地区不在该范本的省（区、市）内', { field: 'regionCode' });
  if (!scopeContainsRegion(scope, input.regionCode)) throw new AppError('FORBIDDEN', '只能为本辖区登记补充条款');
  const conflicts = findConflicts(toTemplate(base), toSupplement({ ...base, kind: 'supplement', code: input.code, version: 0, issuer: input.issuer, clauses: input.clauses }));
  if (conflicts.length) {
    throw new AppError('RULE_REFUSED', `地方补充条款与协议范本相冲突，不予登记（${conflicts.length}处）`, { reasons: conflictReasons(conflicts) });
  }
  return { profileId: base.profileId, institutionKind: base.institutionKind, year: base.year, regionCode: input.regionCode, baseTemplateId: base.id };
}

export async function createTemplate(ctx: AppContext, user: SessionUser, input: TemplateInput) {
  const at = await placement(ctx, user, input);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    // a code belongs to one kind, profile, institution kind and year: versions of one text
    const [other] = await tx.select({ id: agreementTemplates.id }).from(agreementTemplates).where(and(
      eq(agreementTemplates.code, input.code),
      or(ne(agreementTemplates.kind, input.kind), ne(agreementTemplates.profileId, at.profileId), ne(agreementTemplates.institutionKind, at.institutionKind), ne(agreementTemplates.year, at.year)),
    )).limit(1);
    if (other) throw new AppError('CONFLICT', `编号「${input.code}」已用于其他范本或补充条款`);
    const version = (await latestVersion(tx, input.code)) + 1;
    const row = await insertTemplate(tx, {
      kind: input.kind, code: input.code, version, title: input.title, issuer: input.issuer, clauses: input.clauses, createdBy: user.id, createdAt: now, ...at,
    });
    await appendAudit(tx, now, {
      actor: user, action: `agreement_${input.kind}.create`, entityType: 'agreement_template', entityId: row.id, regionCode: row.regionCode,
      after: { code: row.code, version, profileId: row.profileId, institutionKind: row.institutionKind, year: row.year, clauses: input.clauses.length },
    });
    return row;
  });
}
