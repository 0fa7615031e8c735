import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { chinaDate } from '../../domain/clock/clock';
import { formatCitation } from '../../domain/policy/citation';
import { isDate } from '../../domain/policy/dates';
import { diffProfiles } from '../../domain/policy/diff';
import { PROFILES } from '../../domain/policy/profiles';
import { getProfile, resolveProfile, type ResolvedProfile } from '../../domain/policy/resolve';
import { requireUser } from '../auth/guard';
import { layerLabelOf } from '../../domain/policy/local';
import { loadLocalLayer } from '../../db/local-parameters-repo';

const profileId = (field: string) =>
  z.string().refine((v) => PROFILES.some((p) => p.id === v), { message: `未知的政策配置，可选：${PROFILES.map((p) => p.id).join('、')}` })
    .describe(`政策配置 id（${field}）`);
const asOfDate = z.string().refine(isDate, { message: '日期格式应为 YYYY-MM-DD' }).optional().describe('生效日期，默认今天');

const profileOut = z.object({
  id: z.string(), name: z.string(), regionCode: z.string().nullable(), draft: z.boolean(),
  extends: z.string().nullable(), effectiveFrom: z.string(),
});
const citationOut = z.object({
  doc: z.string(), article: z.number().optional(), part: z.number().optional(), clause: z.number().optional(),
  item: z.number().optional(), point: z.number().optional(), label: z.string(), verified: z.boolean(),
});
const ruleOut = z.object({
  id: z.string(), title: z.string(), kind: z.string(), citations: z.array(citationOut),
  params: z.array(z.object({
    key: z.string(), label: z.string(), value: z.number(), unit: z.string(), citation: citationOut, from: z.string(),
    // the layer the value came from (decisions 0031, 0043): 国家 / 省 / 统筹地区 / 县（市、区） with its 文号
    layer: z.enum(['national', 'province', 'local', 'county']), layerLabel: z.string(), docNo: z.string().nullable(),
    delegatedBy: z.string().nullable(),
  })),
  appliesTo: z.array(z.string()), overrides: z.string().optional(), source: z.enum(['national', 'override', 'added']),
  verified: z.boolean(), effectiveFrom: z.string(), stage: z.string().optional(), note: z.string().optional(),
  items: z.array(z.object({ n: z.number(), label: z.string() })).optional(),
  materials: z.array(z.object({ id: z.string(), label: z.string(), citation: z.string() })).optional(),
});
const diffSide = z.object({ ruleIds: z.array(z.string()), params: z.record(z.string(), z.number()) }).nullable();

const profileRow = (id: string) => {
  const p = getProfile(id);
  return { id: p.id, name: p.name, regionCode: p.regionCode, draft: p.draft, extends: p.extends, effectiveFrom: p.effectiveFrom };
};
const cite = (c: Parameters<typeof formatCitation>[0]) => ({
  doc: c.doc, article: c.article, part: c.part, clause: c.clause, item: c.item, point: c.point,
  label: formatCitation(c), verified: c.verified !== false,
});
function rulesOut(r: ResolvedProfile) {
  return r.rules.map(({ rule, source, replaces }) => ({
    id: rule.id, title: rule.title, kind: rule.kind, citations: rule.cites.map(cite),
    params: rule.params.flatMap((k) => {
      const p = r.params.get(k);
      return p ? [{
        key: k, label: p.label, value: p.value, unit: p.unit, citation: cite(p.cite), from: p.from, layer: p.layer,
        layerLabel: layerLabelOf(p.layer, p.local?.docNo), docNo: p.local?.docNo ?? null,
        delegatedBy: p.delegated ? formatCitation(p.delegated) : null,
      }] : [];
    }),
    appliesTo: rule.appliesTo, overrides: replaces, source, verified: rule.verified, effectiveFrom: rule.effective.from,
    stage: rule.stage, note: rule.note, items: rule.items,
    materials: rule.materials?.map((m) => ({ id: m.id, label: m.label, citation: formatCitation(m.cite) })),
  }));
}

/** Policy profiles and their rules, read-only (docs/decisions/0003-policy-profiles.md). */
const routes: FastifyPluginAsyncZod = async (app) => {
  const today = () => chinaDate(app.ctx.clock.now());
  // before validation, so that a visitor without a session gets 401, not a 400 about the query
  const loggedIn = async (req: FastifyRequest) => {
    requireUser(req);
  };

  app.get('/api/rules/profiles', {
    preValidation: loggedIn,
    schema: { tags: ['rules'], summary: '政策配置列表', response: { 200: z.array(profileOut) } },
  }, async () => {
    return PROFILES.map((p) => profileRow(p.id));
  });

  app.get('/api/rules', {
    preValidation: loggedIn,
    schema: {
      tags: ['rules'], summary: '某政策配置在某日生效的规则（含出处与参数）',
      querystring: z.object({
        profile: profileId('profile'), asOf: asOfDate,
        region: z.string().regex(/^\d{6}$/, { error: '统筹地区代码应为 6 位数字' }).optional().describe('统筹地区（地市）代码：叠加该统筹地区设置的参数'),
      }),
      response: { 200: z.object({ profile: profileOut, asOf: z.string(), version: z.string(), rules: z.array(ruleOut) }) },
    },
  }, async (req) => {
    const local = req.query.region ? await loadLocalLayer(app.ctx.db, req.query.region) : [];
    const r = resolveProfile(req.query.profile, req.query.asOf ?? today(), local);
    return { profile: profileRow(r.profile.id), asOf: r.asOf, version: r.version, rules: rulesOut(r) };
  });

  app.get('/api/rules/diff', {
    preValidation: loggedIn,
    schema: {
      tags: ['rules'], summary: '比较两个政策配置的差异',
      querystring: z.object({ a: profileId('a'), b: profileId('b'), asOf: asOfDate }),
      response: {
        200: z.object({
          a: profileOut, b: profileOut, asOf: z.string(),
          rows: z.array(z.object({
            slot: z.string(), title: z.string(), change: z.enum(['only_a', 'only_b', 'override', 'params']), a: diffSide, b: diffSide,
          })),
        }),
      },
    },
  }, async (req) => {
    const asOf = req.query.asOf ?? today();
    return { a: profileRow(req.query.a), b: profileRow(req.query.b), asOf, rows: diffProfiles(req.query.a, req.query.b, asOf) };
  });
};
export default routes;
