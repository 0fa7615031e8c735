import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { scopeOf, type Scope } from '../../domain/identity/territory';
import { listAudit, verifyAuditLog } from '../../db/audit-repo';
import { verifyAnchors } from '../../audit/checkpoints';
import { loadAnchor } from '../../audit/anchor';
import { requireRole } from '../auth/guard';
import { auditActionLabel, auditEntityLabel } from '../../domain/audit/labels';

const AuditQuery = z.object({
  entityType: z.string().max(64).optional(),
  entityId: z.string().max(128).optional(),
  action: z.string().max(64).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

const AuditItem = z.object({
  seq: z.number(),
  chain: z.string().describe('哈希链：每个被审计对象一条链（实体类型:编号）'),
  chainSeq: z.number().describe('在该链中的序号，从 1 起连续'),
  at: z.string(),
  actorUserId: z.string().nullable(),
  actorName: z.string().nullable(),
  actorOrgId: z.string().nullable(),
  actorOrgName: z.string().nullable(),
  action: z.string(),
  actionLabel: z.string().describe('动作的中文名称'),
  entityType: z.string(),
  entityLabel: z.string().describe('对象类型的中文名称'),
  entityId: z.string(),
  entityName: z.string().nullable().describe('对象名称（机构、申请所属机构、用户）'),
  regionCode: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  reason: z.string().nullable(),
  hash: z.string(),
});

const Verdict = z.object({
  ok: z.boolean(),
  rows: z.number(),
  chains: z.number().describe('校验的链数（每个被审计对象一条）'),
  brokenSeq: z.number().optional().describe('断裂处的行（全日志序号 seq）'),
  chain: z.string().optional().describe('断裂的链'),
  chainSeq: z.number().optional().describe('断裂处在链中的序号'),
  problem: z.string().optional(),
  anchors: z.object({
    ok: z.boolean(),
    checkpoints: z.number().describe('已写入的签名检查点数'),
    latest: z.object({ n: z.number(), at: z.string(), maxSeq: z.number() }).nullable().optional(),
    problem: z.string().optional(),
  }).describe('签名检查点（链头锚定于数据库之外，决策 0021）'),
});

const routes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.ctx;

  app.get(
    '/api/audit',
    {
      schema: {
        tags: ['audit'],
        summary: '审计日志（按属地范围）',
        querystring: AuditQuery,
        response: { 200: z.object({ items: z.array(AuditItem), total: z.number() }) },
      },
    },
    async (req) => {
      const user = requireRole(req, 'sysadmin', 'agency_head', 'agency_officer', 'admin_dept_officer');
      const scope: Scope = user.roles.includes('sysadmin') ? { kind: 'all' } : scopeOf(user);
      const { page, pageSize, ...filter } = req.query;
      const { items, total } = await listAudit(db, scope, filter, page, pageSize);
      return {
        items: items.map((r) => ({ ...r, at: r.at.toISOString(), actionLabel: auditActionLabel(r.action), entityLabel: auditEntityLabel(r.entityType) })),
        total,
      };
    },
  );

  app.get(
    '/api/audit/verify',
    { schema: { tags: ['audit'], summary: '校验审计哈希链', response: { 200: Verdict } } },
    async (req) => {
      requireRole(req, 'sysadmin');
      const chains = await verifyAuditLog(db);
      const anchors = await verifyAnchors(db, loadAnchor(app.ctx.config));
      return { ...chains, ok: chains.ok && anchors.ok, anchors };
    },
  );
};
export default routes;
