/**
 * GET /api/renewal-compare — one agreement's renewal screening under two policy profiles, side by side
 * (the rules page's 差异对比; issue #11). Agency and department readers; the agreement inside their territory.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Role } from '../../domain/identity/roles';
import { compareRenewalUnderProfiles } from '../../renewal-campaigns/compare-profiles';
import { WHAT_IF_PROFILES } from '../../renewal-campaigns/what-if';
import { requireRole } from '../auth/guard';

const READERS: Role[] = ['agency_officer', 'agency_head', 'admin_dept_officer'];
const profile = (label: string) => z.enum(WHAT_IF_PROFILES, { error: `${label}应为 ${WHAT_IF_PROFILES.join('、')} 之一` });
const reason = z.object({ ruleId: z.string(), label: z.string(), effect: z.string(), result: z.string(), message: z.string(), citation: z.string() });
const side = z.object({ profileId: z.string(), outcome: z.enum(['renew', 'defer', 'not_renew', 'manual']), reasons: z.array(reason) });

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/renewal-compare', {
    schema: {
      tags: ['renewal'],
      summary: '同一协议在两种政策配置下的续签筛查对比',
      querystring: z.object({
        agreement: z.string({ error: '协议编号为必填项' }).trim().min(1, { error: '协议编号为必填项' }).max(100, { error: '协议编号过长' }),
        a: profile('左侧政策配置'),
        b: profile('右侧政策配置'),
      }),
      response: {
        200: z.object({
          agreement: z.object({ id: z.string(), number: z.string(), institutionName: z.string(), regionCode: z.string(), termTo: z.string(), lifeState: z.string() }),
          asOf: z.string(), a: side, b: side,
          because: z.array(z.object({ ruleId: z.string(), label: z.string(), in: z.enum(['baseline', 'variant']), message: z.string(), citation: z.string() })),
        }),
      },
    },
  }, async (req) => compareRenewalUnderProfiles(app.ctx, requireRole(req, ...READERS), req.query.agreement, req.query.a, req.query.b));
};

export default routes;
