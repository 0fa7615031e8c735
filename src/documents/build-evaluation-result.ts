/**
 * 评估结果告知书. 不合格: the reasons and rectification advice, and the basis for a new
 * evaluation after 3 months of rectification, a second 不合格 barring new applications for 1 year
 * (云医保〔2022〕6号 第十四条, 京医保发〔2021〕30号 第九条, 吉医保规〔2023〕1号 第二十条).
 * 合格: the institution goes on the list of the publicity (公示).
 */
import { AppError } from '../domain/errors';
import { uniqueCitations, type DocSection, type DocumentModel } from './model';
import { applicationRef, issuerBlock, requireText, type Agency, type Institution } from './parties';
import { formatChinaDate } from './text-format';

export interface EvaluationFinding {
  /** The checklist item, e.g. '医保管理制度'. */
  item: string;
  finding: string;
  citation: string;
}

export interface EvaluationResultInput {
  number: string;
  date: string;
  agency: Agency;
  institution: Institution;
  applicationNo?: string;
  result: 'pass' | 'fail';
  /** Date the panel concluded (all members signed). */
  concludedOn: string;
  score?: { total: number; max: number };
  /** For 不合格: every reason; for 合格: optional remarks. */
  findings: EvaluationFinding[];
  /** 整改建议; required for 不合格. */
  advice: string[];
  /** The article that sets the result's consequences, e.g. '云医保〔2022〕6号 第十四条'. */
  resultCitation: string;
  /** 不合格: months of rectification before a new evaluation and the ban after a second failure. */
  reevaluation?: { months: number; banYears: number; citation: string };
  /** 合格: the article on publicity, e.g. '云医保〔2022〕6号 第十五条'. */
  publicityCitation?: string;
}

export function buildEvaluationResult(input: EvaluationResultInput): DocumentModel {
  const institution = requireText(input.institution.name, 'institution.name', '申请单位名称');
  const resultCitation = requireText(input.resultCitation, 'resultCitation', '评估结果依据');
  const findings = input.findings.map((f, i) => ({
    item: requireText(f.item, `findings.${i}.item`, `第${i + 1}项评估项目`),
    finding: requireText(f.finding, `findings.${i}.finding`, `第${i + 1}项评估意见`),
    citation: requireText(f.citation, `findings.${i}.citation`, `第${i + 1}项评估依据`),
  }));
  const pass = input.result === 'pass';
  const scoreText = input.score ? `，评估得分${input.score.total}分（满分${input.score.max}分）` : '';
  const intro =
    `你单位的医疗保障定点申请${applicationRef(input.applicationNo)}已于${formatChinaDate(input.concludedOn)}完成评估${scoreText}，` +
    `评估结果为：${pass ? '合格' : '不合格'}。`;

  const sections: DocSection[] = [{ paragraphs: [intro] }];
  const citations = [resultCitation, ...findings.map((f) => f.citation)];

  if (pass) {
    if (findings.length > 0) {
      sections.push({ heading: '一、评估意见', paragraphs: [], table: findingsTable(findings) });
    }
    const pub = input.publicityCitation?.trim();
    sections.push({
      heading: findings.length > 0 ? '二、后续事项' : '一、后续事项',
      paragraphs: [
        `根据${resultCitation}${pub ? `和${pub}` : ''}的规定，你单位将被纳入拟签订医疗保障服务协议的医药机构名单，` +
          '并按规定向社会公示。公示期满无异议的，本机构将通知你单位参加协商谈判。',
      ],
    });
    if (pub) citations.push(pub);
  } else {
    if (findings.length === 0) {
      throw new AppError('INVALID_INPUT', '评估不合格的，应告知其理由', { field: 'findings' });
    }
    const advice = input.advice.map((a) => a.trim()).filter(Boolean);
    if (advice.length === 0) {
      throw new AppError('INVALID_INPUT', '评估不合格的，应提出整改建议', { field: 'advice' });
    }
    const re = input.reevaluation;
    if (!re) throw new AppError('INVALID_INPUT', '评估不合格的，应告知再次评估的条件', { field: 'reevaluation' });
    const reCitation = requireText(re.citation, 'reevaluation.citation', '再次评估依据');
    sections.push(
      { heading: '一、不合格的理由', paragraphs: [], table: findingsTable(findings) },
      { heading: '二、整改建议', paragraphs: [], list: { ordered: true, items: advice } },
      {
        heading: '三、再次评估',
        paragraphs: [
          `根据${reCitation}的规定，自本告知书送达之日起，你单位整改${re.months}个月后可申请再次评估；` +
            `再次评估仍不合格的，${re.banYears}年内不得再次申请。`,
        ],
      },
    );
    citations.push(reCitation);
  }

  return {
    kind: 'evaluation_result',
    number: requireText(input.number, 'number', '文书编号'),
    title: '医疗保障定点评估结果告知书',
    issuer: input.agency.name,
    recipient: institution,
    date: input.date,
    sections,
    citations: uniqueCitations(citations),
    signatures: [issuerBlock(input.agency, input.date)],
    warnings: [],
    meta: { result: input.result, ...(input.applicationNo ? { applicationNo: input.applicationNo } : {}) },
  };
}

function findingsTable(findings: { item: string; finding: string; citation: string }[]) {
  return {
    columns: ['序号', '评估项目', '评估意见', '依据'],
    rows: findings.map((f, i) => [String(i + 1), f.item, f.finding, f.citation]),
    widths: [1, 3, 5, 3],
  };
}
