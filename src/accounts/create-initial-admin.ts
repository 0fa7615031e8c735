/**
 * First start without demo data (SEED_DEMO=0): a deployment whose database holds no account at all
 * gets one system administrator in the system organisation. Its password is ADMIN_INITIAL_PASSWORD
 * when set (it must pass the password policy), else a temporary password generated here, which the
 * caller prints once; either way it must be changed at the first login. Audited. Does nothing when
 * any account exists (the demo seed, or a deployment already in service).
 */
import { eq } from 'drizzle-orm';
import { passwordProblems } from '../domain/identity/password-policy';
import { appendAudit } from '../db/audit-repo';
import { countUsers, insertAccount } from '../db/account-repo';
import { organizations } from '../db/schema/index';
import { hashPassword } from '../identity/password';
import { temporaryPassword } from '../identity/temporary-password';
import type { AppContext } from '../context';

export const INITIAL_ADMIN_USERNAME = 'sysadmin';

export interface InitialAdmin {
  username: string;
  /** the password to print, or null when it came from the environment (never printed) */
  printedPassword: string | null;
}

export async function createInitialAdmin(ctx: AppContext, opts: { password?: string; username?: string } = {}): Promise<InitialAdmin | null> {
  if ((await countUsers(ctx.db)) > 0) return null;
  const username = opts.username ?? INITIAL_ADMIN_USERNAME;
  if (opts.password) {
    const problems = passwordProblems(opts.password, username);
    if (problems.length) throw new Error(`ADMIN_INITIAL_PASSWORD 不符合密码要求：${problems.join('；')}`);
  }
  const password = opts.password ?? temporaryPassword();
  const passwordHash = await hashPassword(password);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    let [org] = await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.kind, 'system')).limit(1);
    org ??= (await tx.insert(organizations).values({ kind: 'system', name: '系统管理', level: 'national', regionCode: null, createdAt: now }).returning({ id: organizations.id }))[0]!;
    const id = await insertAccount(tx, {
      username, displayName: '系统管理员', passwordHash, orgId: org.id, roles: ['sysadmin'], mustChangePassword: true, createdAt: now, updatedAt: now,
    });
    await appendAudit(tx, now, {
      actor: null, action: 'user.initial_admin', entityType: 'user', entityId: id, regionCode: null,
      after: { username, roles: ['sysadmin'], passwordFrom: opts.password ? 'ADMIN_INITIAL_PASSWORD' : 'generated', mustChangePassword: true },
    });
  });
  return { username, printedPassword: opts.password ? null : password };
}

/** The lines printed at first start (the generated password appears here and nowhere else). */
export function initialAdminNotice(a: InitialAdmin): string {
  const bar = '='.repeat(64);
  const pw = a.printedPassword
    ? `  初始密码（仅此一次显示，请妥善保管）：${a.printedPassword}`
    : '  初始密码：环境变量 ADMIN_INITIAL_PASSWORD 的值';
  return [bar, '  首次启动：已创建系统管理员账号', `  用户名：${a.username}`, pw, '  首次登录后须立即修改密码。', bar].join('\n');
}
