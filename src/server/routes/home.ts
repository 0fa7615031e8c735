/**
 * GET /api/home — the role home page as a work queue (issue #9): per role, what is due today, this
 * week and overdue, what waits for the user, each item linking to where it is done. Territory-scoped
 * by the use case (src/home/load-home.ts).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { loadHome } from '../../home/load-home';
import { requireUser } from '../auth/guard';

const HomeItem = z.object({
  id: z.string(),
  title: z.string(),
  subtitle: z.string().nullable(),
  link: z.string().describe('办理该事项的页面路径'),
  due: z.string().nullable().describe('到期日（中国日期）'),
  remainingWorkdays: z.number().nullable().describe('距到期日的工作日数（按工作日历；负数为已逾期）'),
  cites: z.array(z.string()).describe('期限依据的条款'),
  tag: z.string().nullable(),
  level: z.enum(['ok', 'info', 'warning', 'error']),
  count: z.number().nullable(),
});
export const HomeAnswer = z.object({
  today: z.string(),
  sections: z.array(z.object({
    key: z.string(), title: z.string(), count: z.number(), link: z.string().nullable(), empty: z.string(), items: z.array(HomeItem),
  })),
  chart: z.object({ title: z.string(), days: z.array(z.object({ date: z.string(), count: z.number() })) }).nullable(),
});

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/home', {
    schema: { tags: ['home'], summary: '首页待办：按角色列出今日到期、本周到期、已逾期及待办事项（属地范围内）', response: { 200: HomeAnswer } },
  }, async (req) => loadHome(app.ctx, requireUser(req)));
};
export default routes;
