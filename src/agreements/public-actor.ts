/**
 * 社会公众 on the public site: the actor of a complaint filed without login. It holds no role,
 * so the pipeline's table gives it the 'public' actor role (file_complaint only); its scope is
 * the whole country because a complaint may concern any institution in publicity. Its id is the
 * nil UUID, which marks public actions in the audit log.
 */
import type { SessionUser } from '../domain/identity/roles';

export const NIL_UUID = '00000000-0000-0000-0000-000000000000';

export const PUBLIC_ACTOR: SessionUser = {
  id: NIL_UUID,
  username: 'public',
  displayName: '社会公众',
  roles: [],
  orgId: NIL_UUID,
  orgName: '社会公众',
  orgKind: 'system',
  orgLevel: 'national',
  orgRegionCode: null,
  institutionId: null,
  csrfToken: '',
};
