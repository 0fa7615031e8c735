/** Turns the pure grant rule's answer into the error the caller reads (403 authority, 400 roles). */
import { AppError } from '../domain/errors';
import { grantProblems } from '../domain/identity/grants';
import type { OrgKind, Role, SessionUser } from '../domain/identity/roles';

export function assertGrant(
  actor: SessionUser, target: { userId: string | null; orgId: string; orgKind: OrgKind; currentRoles: readonly Role[] }, roles: readonly Role[],
): void {
  const { forbidden, invalid } = grantProblems(actor, target, roles);
  if (forbidden.length) throw new AppError('FORBIDDEN', forbidden.join('；'));
  if (invalid.length) throw new AppError('INVALID_INPUT', invalid.join('；'), { field: 'body.roles' });
}
