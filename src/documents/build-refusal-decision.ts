/**
 * 不予受理决定书: names every refusal rule that fired with its article
 * (京医保发〔2021〕30号 第十二条 and the national baseline), not only the first.
 */
import { AppError, type RuleReason } from '../domain/errors';
import { uniqueCitations, type DocumentModel } from './model';
import { applicationRef, issuerBlock, requireText, type Agency, type Institution } from './parties';
import { formatChinaDate } from './text-format';

export interface RefusalDecisionInput {
  number: string;
  date: string;
  agency: Agency;
  institution: Institution;
  applicationNo?: string;
  receivedOn: string;
  /** Every rule that fired, as the screening returned them. */
  reasons: RuleReason[];
  /** The officer's written remark when confirming the refusal. */
  officerNote?: string;
  /** How to object (异议/救济途径) as the profile words it. */
  remedy?: string;
}

export function buildRefusalDecision(input: RefusalDecisionInput): DocumentModel {
  const institution = requireText(input.institution.name, 'institution.name', '申请单位名称');
  if (input.reasons.length === 0) {
    throw new AppError('INVALID_INPUT', '不予受理决定书应列明不予受理的情形及依据', { field: 'reasons' });
  }
  const reasons = input.reasons.map((r, i) => ({
    ruleId: r.ruleId,
    message: requireText(r.message, `reasons.${i}.message`, `第${i + 1}项情形`),
    citation: requireText(r.citation, `reasons.${i}.citation`, `第${i + 1}项情形的依据`),
  }));
  const n = reasons.length;
  const closing = [`根据上述规定，本机构决定对你单位的医疗保障定点申请不予受理。`];
  if (input.officerNote?.trim()) closing.push(`审查意见：${input.officerNote.trim()}`);
  if (input.remedy?.trim()) closing.push(input.remedy.trim());

  return {
    kind: 'refusal_decision',
    number: requireText(input.number, 'number', '文书编号'),
    title: '医疗保障定点申请不予受理决定书',
    issuer: input.agency.name,
    recipient: institution,
    date: input.date,
    sections: [
      {
        paragraphs: [
          `你单位于${formatChinaDate(input.receivedOn)}提交的医疗保障定点申请${applicationRef(input.applicationNo)}材料收悉。` +
            `经审查，存在下列不予受理的情形（共${n}项）：`,
        ],
        table: {
          columns: ['序号', '不予受理的情形', '依据'],
          rows: reasons.map((r, i) => [String(i + 1), r.message, r.citation]),
          widths: [1, 7, 4],
        },
      },
      { paragraphs: closing },
    ],
    citations: uniqueCitations(reasons.map((r) => r.citation)),
    signatures: [issuerBlock(input.agency, input.date)],
    warnings: [],
    meta: {
      ruleIds: reasons.map((r) => r.ruleId),
      ...(input.applicationNo ? { applicationNo: input.applicationNo } : {}),
    },
  };
}
