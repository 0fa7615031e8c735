/**
 * Test helper: the applying institution uploads one small PDF for each required material of an
 * application (or for the given items), through the real upload use case — so that 受理
 * (materials.complete, decision 0016) finds them. Each file differs (one copy per file).
 */
import type { AppContext } from '../context';
import type { SessionUser } from '../domain/identity/roles';
import { findApplication } from '../db/designation-repo';
import { loadSessionUser } from '../db/session-repo';
import { materialListOf } from '../designation/application-materials';
import { uploadMaterial } from '../designation/upload-material';
import { sessionHeaders } from './factories';

export const pdfFor = (itemKey: string, salt = '') => Buffer.from(`%PDF-1.4\n% ${itemKey} ${salt}\n%%EOF\n`);

/** The session user of a user id (for use cases called directly). */
export async function sessionUserOf(ctx: AppContext, userId: string): Promise<SessionUser> {
  const h = await sessionHeaders(ctx, userId);
  const token = h.cookie!.split('=')[1]!;
  const u = await loadSessionUser(ctx.db, token, ctx.clock.now());
  if (!u) throw new Error(`no session for ${userId}`);
  return u;
}

/** Uploads the required items (less `except`), or exactly `only`; returns the item ids uploaded. */
export async function uploadRequiredMaterials(
  ctx: AppContext, staff: SessionUser | string, applicationId: string, opts: { except?: string[]; only?: string[] } = {},
): Promise<string[]> {
  const user = typeof staff === 'string' ? await sessionUserOf(ctx, staff) : staff;
  const row = await findApplication(ctx.db, applicationId);
  if (!row) throw new Error(`no application ${applicationId}`);
  const keys = opts.only ?? materialListOf(row).filter((m) => m.required && !(opts.except ?? []).includes(m.id)).map((m) => m.id);
  for (const k of keys) await uploadMaterial(ctx, user, applicationId, { itemKey: k, fileName: `${k}.pdf`, content: pdfFor(k, applicationId) });
  return keys;
}
