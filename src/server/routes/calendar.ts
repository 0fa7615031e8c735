import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { invalid, notFound } from '../../domain/errors';
import { zDate, zText } from '../../domain/validators/schemas';
import { validateYearEntry } from '../../domain/calendar/validate-year';
import { explainDue } from '../../domain/calendar/explain';
import { enterCalendarYear, getCalendarYear, listCalendarYears, loadWorkCalendar } from '../../db/calendar-repo';
import { requireRole, requireUser } from '../auth/guard';

const Kind = z.enum(['holiday', 'workday'], { error: '日期类型（kind）应为 holiday（法定节假日）或 workday（调休上班）' });
const Day = z.object({ day: z.string(), kind: Kind, name: z.string() });

const YearParams = z.object({
  year: z.coerce.number({ error: '年份（year）应为年份' }).int({ error: '年份（year）应为整数年份' }).min(2000, { error: '年份（year）不得早于 2000' }).max(2100, { error: '年份（year）不得晚于 2100' }),
});

const YearSummary = z.object({
  year: z.number(),
  source: z.string(),
  enteredBy: z.string().nullable(),
  enteredAt: z.string(),
  holidays: z.number(),
  workdays: z.number(),
});
const YearDetail = z.object({ year: z.number(), source: z.string(), enteredBy: z.string().nullable(), enteredAt: z.string(), days: z.array(Day) });

const PutYearBody = z.object({
  source: zText('source（依据文件，如 国办发明电〔2026〕X号）', 200),
  days: z
    .array(z.object({ day: zDate('day'), kind: Kind, name: zText('name（节日名称）', 50) }), { error: '日期列表（days）应为数组' })
    .max(366, { error: '日期列表（days）不能超过 366 项' }),
});

/** Upper bounds per unit: generous for any legal period, small enough to answer at once. */
const MAX_N = { workday: 1000, natural_day: 3660, month: 120 } as const;
const UNIT_LABEL = { workday: '工作日', natural_day: '自然日', month: '月' } as const;
const Unit = z.enum(['workday', 'natural_day', 'month'], { error: '计算单位（unit）应为 workday（工作日）、natural_day（自然日）或 month（月）' });
const ComputeQuery = z
  .object({
    from: zDate('from（起算日）'),
    n: z.coerce.number({ error: '期限（n）应为数字' }).int({ error: '期限（n）应为整数' }).min(0, { error: '期限（n）不能为负数' }),
    unit: Unit,
  })
  .superRefine((q, c) => {
    if (q.n > MAX_N[q.unit]) c.addIssue({ code: 'custom', path: ['n'], message: `n 过大：按${UNIT_LABEL[q.unit]}计算不超过 ${MAX_N[q.unit]}` });
  });
const ComputeAnswer = z.object({
  from: z.string(),
  n: z.number(),
  unit: Unit,
  due: z.string(),
  provisional: z.boolean(),
  missingYears: z.array(z.number()),
  explanation: z.string(),
});

const iso = (d: Date) => d.toISOString();

const routes: FastifyPluginAsyncZod = async (app) => {
  const { db, clock } = app.ctx;

  app.get(
    '/api/calendar/years',
    { schema: { tags: ['calendar'], summary: '工作日历：已录入年度列表', response: { 200: z.object({ years: z.array(YearSummary) }) } } },
    async (req) => {
      requireUser(req);
      const years = await listCalendarYears(db);
      return { years: years.map((y) => ({ ...y, enteredAt: iso(y.enteredAt) })) };
    },
  );

  app.get(
    '/api/calendar/years/:year',
    { schema: { tags: ['calendar'], summary: '工作日历：某年度的节假日与调休上班日', params: YearParams, response: { 200: YearDetail } } },
    async (req) => {
      requireUser(req);
      const year = await getCalendarYear(db, req.params.year);
      if (!year) throw notFound(`${req.params.year} 年日历`);
      return { ...year, enteredAt: iso(year.enteredAt) };
    },
  );

  app.put(
    '/api/calendar/years/:year',
    {
      // roles before body validation: a clerk gets 403, not a lesson in our schema
      preValidation: async (req) => void requireRole(req, 'sysadmin'),
      schema: {
        tags: ['calendar'],
        summary: '工作日历：录入或更正某年度节假日安排（系统管理员）',
        params: YearParams,
        body: PutYearBody,
        response: { 200: YearDetail },
      },
    },
    async (req) => {
      const user = requireRole(req, 'sysadmin');
      const { year } = req.params;
      const [problem] = validateYearEntry(year, req.body.days);
      if (problem) throw invalid(`body.${problem.field}`, problem.message);
      const saved = await enterCalendarYear(db, clock.now(), user, { year, source: req.body.source, days: req.body.days });
      return { ...saved, enteredAt: iso(saved.enteredAt) };
    },
  );

  app.get(
    '/api/calendar/compute',
    {
      schema: {
        tags: ['calendar'],
        summary: '期限计算：起算日 + N 个工作日／自然日／月',
        description: '自起算日次日开始计算；涉及未发布日历的年度时结果为暂定（provisional）。',
        querystring: ComputeQuery,
        response: { 200: ComputeAnswer },
      },
    },
    async (req) => {
      requireUser(req);
      const { from, n, unit } = req.query;
      const cal = await loadWorkCalendar(db);
      const result = cal.add(from, { n, unit });
      return {
        from,
        n,
        unit,
        due: result.due,
        provisional: result.provisional,
        missingYears: result.provisional ? result.missingYears : [],
        explanation: explainDue(cal, from, { n, unit }, result),
      };
    },
  );
};
export default routes;
