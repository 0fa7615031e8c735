import { describe, expect, it } from 'vitest';
import { buildAcceptanceNotice } from './build-acceptance-notice';
import { buildEvaluationMinutes, type EvaluationMinutesInput } from './build-evaluation-minutes';
import { buildEvaluationResult, type EvaluationResultInput } from './build-evaluation-result';
import { buildPublicity } from './build-publicity';
import { buildRefusalDecision } from './build-refusal-decision';
import { buildSupplementNotice } from './build-supplement-notice';
import type { DocumentModel } from './model';
import { agency, institution } from './test-fixtures';

/** Everything a reader sees, as one string. */
function allText(doc: DocumentModel): string {
  return [
    doc.title,
    doc.number,
    doc.recipient ?? '',
    ...doc.sections.flatMap((s) => [
      s.heading ?? '',
      ...s.paragraphs,
      ...(s.list?.items ?? []),
      ...(s.table ? [s.table.columns, ...s.table.rows].flat() : []),
      s.note ?? '',
    ]),
    ...doc.citations,
  ].join('\n');
}

describe('受理通知书', () => {
  const doc = buildAcceptanceNotice({
    number: '昆医保定受〔2025〕12号',
    date: '2025-03-05',
    agency,
    institution,
    applicationNo: 'SQ-2025-0012',
    receivedOn: '2025-03-05',
    materials: ['定点医疗机构申请表', '医疗机构执业许可证副本复印件'],
    acceptanceCitation: '京医保发〔2021〕30号 第八条',
    evaluation: { months: 3, citation: '京医保发〔2021〕30号 第九条' },
  });
  it('accepts, lists the materials received and states the evaluation limit with its article', () => {
    expect(doc.kind).toBe('acceptance_notice');
    expect(doc.recipient).toBe(institution.name);
    expect(doc.sections[1]!.list!.items).toEqual(['定点医疗机构申请表', '医疗机构执业许可证副本复印件']);
    const text = allText(doc);
    expect(text).toContain('予以受理');
    expect(text).toContain('3个月内组织完成评估（京医保发〔2021〕30号 第九条）');
    expect(text).toContain('补充材料的时间不计入评估期限');
    expect(doc.citations).toEqual(['京医保发〔2021〕30号 第八条', '京医保发〔2021〕30号 第九条']);
    expect(doc.signatures[0]).toMatchObject({ org: agency.name, date: '2025-03-05' });
  });
});

describe('一次性告知书', () => {
  const missingItems = [
    { item: '医疗机构执业许可证副本复印件', citation: '京医保发〔2021〕30号 第七条(二)', requirement: '未加盖公章' },
    { item: '医保专（兼）职管理人员的劳动合同', citation: '京医保发〔2021〕30号 第七条(六)' },
    { item: '医保管理制度文本', citation: '京医保发〔2021〕30号 第七条(五)' },
  ];
  const doc = buildSupplementNotice({
    number: '昆医保定补〔2025〕3号',
    date: '2025-03-07',
    agency,
    institution,
    receivedOn: '2025-03-03',
    missingItems,
    noticeBasis: { workingDays: 5, citation: '云医保〔2022〕6号 第九条' },
    due: '2025-03-21',
    pauseCitation: '京医保发〔2021〕30号 第九条',
  });

  it('lists ALL missing items, each with its citation, in one notice', () => {
    const table = doc.sections[0]!.table!;
    expect(table.columns).toEqual(['序号', '需补充的材料', '具体要求', '依据']);
    expect(table.rows).toEqual([
      ['1', '医疗机构执业许可证副本复印件', '未加盖公章', '京医保发〔2021〕30号 第七条(二)'],
      ['2', '医保专（兼）职管理人员的劳动合同', '—', '京医保发〔2021〕30号 第七条(六)'],
      ['3', '医保管理制度文本', '—', '京医保发〔2021〕30号 第七条(五)'],
    ]);
    expect(allText(doc)).toContain('需要补充的全部材料（共3项）一次性告知如下');
    expect(allText(doc)).toContain('已一次性列明需要补充的全部材料');
  });

  it('states the 5 工作日 basis, the due date and the paused evaluation clock', () => {
    const text = allText(doc);
    expect(text).toContain('根据云医保〔2022〕6号 第九条关于自收到材料之日起5个工作日内一次性告知补充的规定');
    expect(text).toContain('请于2025年3月21日前一次性补齐上述3项材料');
    expect(text).toContain('不计入评估期限（京医保发〔2021〕30号 第九条）');
    expect(doc.citations[0]).toBe('云医保〔2022〕6号 第九条');
    for (const m of missingItems) expect(doc.citations).toContain(m.citation);
  });

  it('refuses an empty list or an item without its citation', () => {
    const base = { number: 'x〔2025〕1号', date: '2025-03-07', agency, institution, receivedOn: '2025-03-03', noticeBasis: { workingDays: 5, citation: '云医保〔2022〕6号 第九条' } };
    expect(() => buildSupplementNotice({ ...base, missingItems: [] })).toThrow(/至少一项/);
    expect(() => buildSupplementNotice({ ...base, missingItems: [{ item: '申请表', citation: ' ' }] })).toThrow('第1项材料的依据不能为空');
  });
});

describe('不予受理决定书', () => {
  const reasons = [
    { ruleId: 'baseline.refusal.terminated-within-3y', citation: '京医保发〔2021〕30号 第十二条(五)', message: '以医疗机构名义被解除医保协议未满3年' },
    { ruleId: 'baseline.refusal.dishonest-person', citation: '京医保发〔2021〕30号 第十二条(八)', message: '法定代表人被列入失信人名单' },
  ];
  const doc = buildRefusalDecision({
    number: '昆医保定不受〔2025〕2号',
    date: '2025-03-04',
    agency,
    institution,
    receivedOn: '2025-03-03',
    reasons,
    officerNote: '经核对登记信息属实。',
  });
  it('lists every rule that fired with its article, and keeps the rule ids for audit', () => {
    expect(doc.sections[0]!.table!.rows).toEqual([
      ['1', '以医疗机构名义被解除医保协议未满3年', '京医保发〔2021〕30号 第十二条(五)'],
      ['2', '法定代表人被列入失信人名单', '京医保发〔2021〕30号 第十二条(八)'],
    ]);
    expect(allText(doc)).toContain('存在下列不予受理的情形（共2项）');
    expect(allText(doc)).toContain('决定对你单位的医疗保障定点申请不予受理');
    expect(allText(doc)).toContain('审查意见：经核对登记信息属实。');
    expect(doc.citations).toEqual(reasons.map((r) => r.citation));
    expect(doc.meta.ruleIds).toEqual(reasons.map((r) => r.ruleId));
  });
  it('cannot be built without a reason', () => {
    expect(() => buildRefusalDecision({ number: 'x〔2025〕1号', date: '2025-03-04', agency, institution, receivedOn: '2025-03-03', reasons: [] })).toThrow(
      /不予受理的情形及依据/,
    );
  });
});

describe('评估结果告知书', () => {
  const failInput: EvaluationResultInput = {
    number: '昆医保定评〔2025〕5号',
    date: '2025-05-20',
    agency,
    institution,
    result: 'fail',
    concludedOn: '2025-05-18',
    score: { total: 62, max: 100 },
    findings: [
      { item: '信息系统', finding: '未完成医保信息系统接口改造，不能直接联网结算', citation: '京医保发〔2021〕30号 第六条(五)' },
      { item: '医保管理制度', finding: '未建立医保费用审核制度', citation: '京医保发〔2021〕30号 第六条(五)' },
    ],
    advice: ['完成医保信息系统接口改造并通过联调测试', '建立并落实医保费用内部审核制度'],
    resultCitation: '云医保〔2022〕6号 第十四条',
    reevaluation: { months: 3, banYears: 1, citation: '云医保〔2022〕6号 第十四条' },
  };

  it('不合格: gives every reason, the rectification advice and the 3-month re-evaluation basis', () => {
    const doc = buildEvaluationResult(failInput);
    expect(doc.sections.map((s) => s.heading)).toEqual([undefined, '一、不合格的理由', '二、整改建议', '三、再次评估']);
    expect(doc.sections[1]!.table!.rows.map((r) => r[1])).toEqual(['信息系统', '医保管理制度']);
    expect(doc.sections[2]!.list).toEqual({ ordered: true, items: failInput.advice });
    const text = allText(doc);
    expect(text).toContain('评估得分62分（满分100分），评估结果为：不合格');
    expect(text).toContain('自本告知书送达之日起，你单位整改3个月后可申请再次评估；再次评估仍不合格的，1年内不得再次申请');
    expect(doc.citations).toContain('京医保发〔2021〕30号 第六条(五)');
  });

  it('不合格 without reasons or advice is refused', () => {
    expect(() => buildEvaluationResult({ ...failInput, findings: [] })).toThrow('评估不合格的，应告知其理由');
    expect(() => buildEvaluationResult({ ...failInput, advice: [' '] })).toThrow('评估不合格的，应提出整改建议');
  });

  it('合格: announces the publicity list', () => {
    const doc = buildEvaluationResult({
      ...failInput,
      result: 'pass',
      findings: [],
      advice: [],
      reevaluation: undefined,
      publicityCitation: '云医保〔2022〕6号 第十五条',
    });
    const text = allText(doc);
    expect(text).toContain('评估结果为：合格');
    expect(text).toContain('纳入拟签订医疗保障服务协议的医药机构名单');
    expect(text).not.toContain('整改');
    expect(doc.citations).toEqual(['云医保〔2022〕6号 第十四条', '云医保〔2022〕6号 第十五条']);
  });
});

describe('评估会议纪要', () => {
  const checklist = [
    ['医药机构试运营情况', '试运营期间门诊、住院服务正常开展'],
    ['医保管理人员配备情况', '医保办配备专职人员3名'],
    ['信息系统建设情况', '未完成医保接口改造'],
    ['核心制度建设情况', '医保管理制度齐全'],
    ['其他需要核查的内容', '未发现其他问题'],
  ].map(([item, finding], i) => ({ item: item!, finding: finding!, conforming: i !== 2 }));
  const input: EvaluationMinutesInput = {
    number: '五华医保定纪〔2025〕3号',
    date: '2025-05-20',
    agency,
    institution,
    applicationNo: 'SQ-2025-0012',
    panel: [{ name: '张医保', specialty: '医疗保障' }, { name: '李医师', specialty: '医药卫生' }],
    inspection: { on: '2025-05-12', by: ['张医保', '李医师'], findings: '逐项核查，信息系统一项不符合', checklist, citation: '云医保〔2022〕6号 第十三条' },
    briefing: {
      on: '2025-05-18',
      study: { attendees: ['张医保', '李医师'], content: '医药机构定点有关政策规定和纪律要求' },
      report: {
        reporter: '五华区医保经办机构 王五', basics: '二级综合医院，申请普通门诊、住院', materialReview: '材料齐全',
        violationReview: '首次申请，未发现违规记录', inspection: '五项中信息系统一项不符合', keyPoints: '信息系统须整改',
      },
      citation: '云医保〔2022〕6号 第十四条(一)1；云医保〔2022〕6号 第十四条(一)2',
    },
    result: 'fail',
    concludedOn: '2025-05-18',
    score: { total: 62, max: 100 },
    reasons: ['信息系统：未完成医保接口改造'],
    resultCitation: '云医保〔2022〕6号 第十四条(三)',
  };

  it('云医保〔2022〕6号 第十四条(一)1–2: records the policy study (attendees, content) and the 承办部门 report, in that order, before the result', () => {
    const doc = buildEvaluationMinutes(input);
    expect(doc.kind).toBe('evaluation_minutes');
    expect(doc.sections.map((s) => s.heading)).toEqual([undefined, '一、评估小组', '二、政策学习', '三、承办部门汇报', '四、现场核查情况', '五、评估结果']);
    const [, , study, report] = doc.sections;
    expect(study!.paragraphs).toEqual(['2025年5月18日，组织学习医药机构定点有关政策规定和纪律要求。', '参加学习人员：张医保、李医师。']);
    expect(study!.note).toBe('本项依据云医保〔2022〕6号 第十四条(一)1；云医保〔2022〕6号 第十四条(一)2');
    expect(report!.paragraphs).toEqual(['汇报人：五华区医保经办机构 王五。']);
    expect(report!.table!.rows).toEqual([
      ['申报定点的基本情况', '二级综合医院，申请普通门诊、住院'],
      ['材料审核情况', '材料齐全'],
      ['违规审查情况', '首次申请，未发现违规记录'],
      ['现场核查情况', '五项中信息系统一项不符合'],
      ['需要重点说明的情况', '信息系统须整改'],
    ]);
    expect(doc.citations).toEqual([
      '云医保〔2022〕6号 第十四条(一)1', '云医保〔2022〕6号 第十四条(一)2', '云医保〔2022〕6号 第十三条', '云医保〔2022〕6号 第十四条(三)',
    ]);
    const text = allText(doc);
    expect(text).toContain('评估得分62分（满分100分），评估结果为：不合格');
    expect(text).toContain('信息系统：未完成医保接口改造');
  });

  it('云医保〔2022〕6号 第十三条: the inspectors and the checklist item by item — item, finding, conforming', () => {
    const inspection = buildEvaluationMinutes(input).sections[4]!;
    expect(inspection.paragraphs).toEqual(['2025年5月12日，由张医保、李医师进行现场核查。', '核查情况：逐项核查，信息系统一项不符合']);
    expect(inspection.table!.columns).toEqual(['序号', '核查内容', '核查发现', '是否符合']);
    expect(inspection.table!.rows[0]).toEqual(['1', '医药机构试运营情况', '试运营期间门诊、住院服务正常开展', '符合']);
    expect(inspection.table!.rows[2]).toEqual(['3', '信息系统建设情况', '未完成医保接口改造', '不符合']);
    expect(inspection.table!.rows).toHaveLength(5);
    expect(inspection.note).toBe('本项依据云医保〔2022〕6号 第十三条');
  });

  it('writes only what was recorded: no briefing (北京, 吉林) and a free-text inspection leave those parts out; 重点说明 left blank reads 无', () => {
    const { briefing: _b, panel: _p, ...rest } = input;
    const doc = buildEvaluationMinutes({ ...rest, result: 'pass', reasons: [], inspection: { ...input.inspection!, checklist: undefined }, resultCitation: '京医保发〔2021〕30号 第九条；吉医保规〔2023〕1号 第十八条' });
    expect(doc.sections.map((s) => s.heading)).toEqual([undefined, '一、现场核查情况', '二、评估结果']);
    expect(doc.sections[1]!.table).toBeUndefined();
    expect(doc.citations).toEqual(['云医保〔2022〕6号 第十三条', '京医保发〔2021〕30号 第九条', '吉医保规〔2023〕1号 第十八条']);
    const noKey = buildEvaluationMinutes({ ...input, briefing: { ...input.briefing!, report: { ...input.briefing!.report, keyPoints: undefined } } });
    expect(noKey.sections[3]!.table!.rows.at(-1)).toEqual(['需要重点说明的情况', '无']);
  });

  it('refuses a study without attendees, a blank report item or checklist finding, and a 不合格 without reasons', () => {
    expect(() => buildEvaluationMinutes({ ...input, briefing: { ...input.briefing!, study: { attendees: [' '], content: '纪律要求' } } })).toThrow('参加学习人员不能为空');
    expect(() => buildEvaluationMinutes({ ...input, briefing: { ...input.briefing!, report: { ...input.briefing!.report, materialReview: ' ' } } })).toThrow('材料审核情况不能为空');
    expect(() => buildEvaluationMinutes({ ...input, inspection: { ...input.inspection!, checklist: [{ item: '医药机构试运营情况', finding: '', conforming: true }] } })).toThrow('第1项核查发现不能为空');
    expect(() => buildEvaluationMinutes({ ...input, reasons: [] })).toThrow('评估不合格的，纪要应记录其理由');
  });
});

describe('公示', () => {
  const doc = buildPublicity({
    number: '昆医保定公〔2025〕4号',
    date: '2025-05-22',
    agency,
    entries: [
      { name: '昆明市五华区康宁医院', kindLabel: '医疗机构', address: '昆明市五华区龙泉路 88 号', categories: ['普通门诊', '住院'] },
      { name: '昆明一心堂药店（北京路店）', kindLabel: '零售药店', address: '昆明市盘龙区北京路 1 号', categories: ['药品'] },
    ],
    period: { from: '2025-05-23', to: '2025-06-03', workingDays: 7, citation: '云医保〔2022〕6号 第十五条' },
    complaint: { phone: '0871-12345678', email: 'ybjb@example.cn' },
    complaintCitation: '吉医保规〔2023〕1号 第十九条',
  });
  it('publishes the list as a table with the period and the complaint channels', () => {
    expect(doc.recipient).toBeUndefined();
    expect(doc.sections[0]!.table!.rows).toEqual([
      ['1', '昆明市五华区康宁医院', '医疗机构', '昆明市五华区龙泉路 88 号', '普通门诊、住院'],
      ['2', '昆明一心堂药店（北京路店）', '零售药店', '昆明市盘龙区北京路 1 号', '药品'],
    ]);
    const text = allText(doc);
    expect(text).toContain('公示期自2025年5月23日至2025年6月3日，共7个工作日');
    expect(text).toContain('电话：0871-12345678');
    expect(text).toContain('取消其协商谈判资格');
  });
  it('needs entries and at least one complaint channel', () => {
    const period = { from: '2025-05-23', to: '2025-06-03', workingDays: 7, citation: '云医保〔2022〕6号 第十五条' };
    expect(() => buildPublicity({ number: 'x〔2025〕1号', date: '2025-05-22', agency, entries: [], period, complaint: { phone: '1' } })).toThrow('公示名单不能为空');
    expect(() =>
      buildPublicity({ number: 'x〔2025〕1号', date: '2025-05-22', agency, entries: [{ name: 'a', kindLabel: 'b', address: 'c', categories: [] }], period, complaint: {} }),
    ).toThrow('投诉举报的联系方式');
  });
});
