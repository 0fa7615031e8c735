/**
 * The public list of institutions whose agreement was terminated (京医保发〔2021〕30号 第四十三条
 * 「向社会公布解除医保协议的医疗机构名单」; decision 0034) and its open-data files. No login, no
 * personal data: name, region, 医保编码, date, situation.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contentDisposition } from '../../designation/upload-material';
import { exportTerminatedInstitutions, listTerminatedInstitutions } from '../../public-lists/terminated-institutions';

const tags = ['public'];
const filter = {
  region: z.string().regex(/^\d{2,6}$/, { error: '区划代码（region）应为2至6位数字' }).optional(),
  year: z.coerce.number({ error: '年份（year）应为数字' }).int({ error: '年份（year）应为整数' })
    .min(2000, { error: '年份（year）不能早于2000年' }).max(2100, { error: '年份（year）不能晚于2100年' }).optional(),
  q: z.string().max(50, { error: '机构名称查询词（q）不能超过50个字符' }).optional(),
};
const Item = z.object({
  name: z.string(), ybCode: z.string().nullable(), regionCode: z.string(), regionName: z.string().nullable(),
  terminatedOn: z.string(), situationLabel: z.string(),
  onRequest: z.boolean().describe('机构主动申请解除（京医保发〔2021〕30号 第四十三条(十二)），非处罚'),
});

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/public/terminated-institutions', {
    schema: {
      tags, summary: '解除医保协议的定点医药机构名单（公开，京医保发〔2021〕30号 第四十三条；不含个人信息）',
      querystring: z.object({
        ...filter,
        page: z.coerce.number({ error: '页码（page）应为数字' }).int().min(1, { error: '页码（page）不能小于1' }).max(10_000).default(1),
        pageSize: z.coerce.number({ error: '每页条数（pageSize）应为数字' }).int().min(1, { error: '每页条数（pageSize）不能小于1' }).max(100, { error: '每页最多100条' }).default(20),
      }),
      response: { 200: z.object({ items: z.array(Item), total: z.number(), page: z.number(), pageSize: z.number() }) },
    },
  }, async (req) => listTerminatedInstitutions(app.ctx, req.query));

  for (const format of ['csv', 'xlsx'] as const) {
    app.get(`/api/public/terminated-institutions.${format}`, {
      schema: {
        tags, summary: `解除医保协议的定点医药机构名单（开放数据，${format === 'csv' ? 'CSV，UTF-8' : 'Excel'}；筛选条件同名单）`,
        querystring: z.object(filter),
      },
    }, async (req, reply) => {
      const { body, fileName, mime } = await exportTerminatedInstitutions(app.ctx, req.query, format);
      return reply.header('Content-Type', mime).header('Content-Disposition', contentDisposition(fileName)).send(body);
    });
  }
};
export default routes;
