import { z } from 'zod';
import { sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { FixedClock, SandboxClock, type Clock } from '../../domain/clock/clock';
import { conflict, invalid } from '../../domain/errors';
import { loadSandboxOffset, saveSandboxOffset } from '../../db/settings-repo';
import { appendAudit } from '../../db/audit-repo';
import { requireRole, requireUser } from '../auth/guard';

/**
 * The sandbox clock lets a trainer skip ahead to see deadlines expire (a 180-day limit in
 * a one-hour class). Time only moves forward: going back would put audit rows and deadline
 * sweeps out of order. The offset is a database setting so that it survives restarts.
 */

const HOUR_MS = 3_600_000;
const MAX_ADVANCE_MS = 3660 * 24 * HOUR_MS; // ten years at once is more than any training needs

const ClockState = z.object({ sandbox: z.boolean(), now: z.string(), offsetMs: z.number() });
const AdvanceBody = z.object({
  days: z.number({ error: '前进天数（days）应为数字' }).min(0, { error: '前进天数（days）不能为负数：模拟时钟只能向前' }).max(3660, { error: '前进天数（days）不能超过 3660' }).optional(),
  hours: z.number({ error: '前进小时数（hours）应为数字' }).min(0, { error: '前进小时数（hours）不能为负数：模拟时钟只能向前' }).max(87_840, { error: '前进小时数（hours）不能超过 87840' }).optional(),
});

/** Moves the running clock to `offsetMs` (SandboxClock), or by `deltaMs` (tests' FixedClock). */
function applyOffset(clock: Clock, offsetMs: number, deltaMs: number): void {
  if (clock instanceof SandboxClock) clock.offsetMs = Math.max(clock.offsetMs, offsetMs);
  else if (clock instanceof FixedClock) clock.advance(deltaMs);
}

const routes: FastifyPluginAsyncZod = async (app) => {
  const { db, clock, config } = app.ctx;

  app.get(
    '/api/admin/clock',
    { schema: { tags: ['admin'], summary: '系统时钟：当前（模拟）时间', response: { 200: ClockState } } },
    async (req) => {
      requireUser(req);
      if (!config.SANDBOX) return { sandbox: false, now: clock.now().toISOString(), offsetMs: 0 };
      const offsetMs = await loadSandboxOffset(db);
      // another node may have moved the clock: catch up (forward only)
      if (clock instanceof SandboxClock) applyOffset(clock, offsetMs, 0);
      return { sandbox: true, now: clock.now().toISOString(), offsetMs };
    },
  );

  app.post(
    '/api/admin/clock/advance',
    {
      preValidation: async (req) => void requireRole(req, 'sysadmin'),
      schema: {
        tags: ['admin'],
        summary: '系统时钟：模拟时间向前推进（仅培训／沙箱环境，系统管理员）',
        body: AdvanceBody,
        response: { 200: ClockState },
      },
    },
    async (req) => {
      const user = requireRole(req, 'sysadmin');
      if (!config.SANDBOX) throw conflict('未启用模拟时钟（SANDBOX=0）：正式环境不能调整系统时间');
      const deltaMs = Math.round(((req.body.days ?? 0) * 24 + (req.body.hours ?? 0)) * HOUR_MS);
      if (deltaMs <= 0) throw invalid('body.days', '前进天数（days）或 hours 须至少填写一项且大于 0');
      if (deltaMs > MAX_ADVANCE_MS) throw invalid('body.days', '一次推进不能超过 3660 天');

      const at = clock.now();
      const offsetMs = await db.transaction(async (tx) => {
        // serialise concurrent advances (two trainers, two nodes) so that none is lost
        await tx.execute(sql`SELECT pg_advisory_xact_lock(7243002)`);
        const before = await loadSandboxOffset(tx);
        const after = before + deltaMs;
        await saveSandboxOffset(tx, after, at);
        await appendAudit(tx, at, {
          actor: user,
          action: 'clock.advance',
          entityType: 'clock',
          entityId: 'sandbox',
          before: { offsetMs: before, now: at.toISOString() },
          after: { offsetMs: after, now: new Date(at.getTime() + deltaMs).toISOString() },
          reason: `推进 ${req.body.days ?? 0} 天 ${req.body.hours ?? 0} 小时`,
        });
        return after;
      });
      applyOffset(clock, offsetMs, deltaMs);
      return { sandbox: true, now: clock.now().toISOString(), offsetMs };
    },
  );
};
export default routes;
