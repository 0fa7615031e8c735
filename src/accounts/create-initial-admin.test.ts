import { afterEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestContext, type TestContext } from '../testing/context';
import { buildApp } from '../server/app';
import { auditLog, organizations, users } from '../db/schema/index';
import { createInitialAdmin, initialAdminNotice } from './create-initial-admin';

let ctx: TestContext | undefined;
afterEach(async () => {
  await ctx?.close();
  ctx = undefined;
});

describe('first start without demo data (SEED_DEMO=0; issue #9)', () => {
  it('creates one system administrator with a temporary password printed once, to be changed at first login', async () => {
    ctx = await createTestContext();
    const made = await createInitialAdmin(ctx);
    expect(made?.username).toBe('sysadmin');
    expect(made?.printedPassword).toMatch(/^\w{4}-\w{4}-\w{4}$/);
    expect(initialAdminNotice(made!)).toContain(made!.printedPassword!);
    const [u] = await ctx.db.select().from(users);
    expect(u).toMatchObject({ username: 'sysadmin', roles: ['sysadmin'], mustChangePassword: true, active: true });
    const [org] = await ctx.db.select().from(organizations).where(eq(organizations.id, u!.orgId));
    expect(org?.kind).toBe('system');
    expect(await ctx.db.select().from(auditLog).where(eq(auditLog.action, 'user.initial_admin'))).toHaveLength(1);

    const app = await buildApp(ctx);
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'sysadmin', password: made!.printedPassword } });
    expect(login.statusCode).toBe(200);
    expect(login.json().user.mustChangePassword).toBe(true);
    await app.close();

    // a second start changes nothing
    expect(await createInitialAdmin(ctx)).toBeNull();
    expect(await ctx.db.select().from(users)).toHaveLength(1);
  });

  it('takes the password from ADMIN_INITIAL_PASSWORD (never printed), and refuses a weak one', async () => {
    ctx = await createTestContext();
    await expect(createInitialAdmin(ctx, { password: 'password123' })).rejects.toThrow('ADMIN_INITIAL_PASSWORD 不符合密码要求');
    const made = await createInitialAdmin(ctx, { password: 'province-it-dept-2026', username: 'yn_admin' });
    expect(made).toEqual({ username: 'yn_admin', printedPassword: null });
    expect(initialAdminNotice(made!)).not.toContain('province-it-dept-2026');
  });
});
