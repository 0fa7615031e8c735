/** 受理通知书: the application is complete and accepted at once (即时受理). */
import { AppError } from '../domain/errors';
import { uniqueCitations, type DocumentModel } from './model';
import { applicationRef, issuerBlock, requireText, type Agency, type Institution } from './parties';
import { formatChinaDate } from './text-format';

export interface AcceptanceNoticeInput {
  number: string;
  /** Date of the notice (= date of acceptance). */
  date: string;
  agency: Agency;
  institution: Institution;
  applicationNo?: string;
  /** Date the materials were received. */
  receivedOn: string;
  /** The materials received, as listed on the application. */
  materials: string[];
  /** The article that makes the agency accept, e.g. '京医保发〔2021〕30号 第八条'. */
  acceptanceCitation: string;
  /** The evaluation time limit from the profile, with the article that sets it. */
  evaluation: { months: number; citation: string };
}

export function buildAcceptanceNotice(input: AcceptanceNoticeInput): DocumentModel {
  const institution = requireText(input.institution.name, 'institution.name', '申请单位名称');
  const acceptanceCitation = requireText(input.acceptanceCitation, 'acceptanceCitation', '受理依据');
  const evaluationCitation = requireText(input.evaluation.citation, 'evaluation.citation', '评估时限依据');
  if (input.materials.length === 0) {
    throw new AppError('INVALID_INPUT', '受理通知书应列明已接收的材料', { field: 'materials' });
  }
  return {
    kind: 'acceptance_notice',
    number: requireText(input.number, 'number', '文书编号'),
    title: '医疗保障定点申请受理通知书',
    issuer: input.agency.name,
    recipient: institution,
    date: input.date,
    sections: [
      {
        paragraphs: [
          `你单位于${formatChinaDate(input.receivedOn)}提交的医疗保障定点申请${applicationRef(input.applicationNo)}及相关材料收悉。` +
            `经审查，申请材料齐全，符合受理条件。根据${acceptanceCitation}的规定，本机构决定自${formatChinaDate(input.date)}起予以受理。`,
        ],
      },
      {
        heading: '一、已接收的申请材料',
        paragraphs: [],
        list: { ordered: true, items: input.materials.map((m) => m.trim()) },
      },
      {
        heading: '二、后续事项',
        paragraphs: [
          `本机构将自受理之日起${input.evaluation.months}个月内组织完成评估（${evaluationCitation}），` +
            '你单位补充材料的时间不计入评估期限。',
          '评估期间请保持联系畅通，按要求配合现场核查等工作。',
        ],
      },
    ],
    citations: uniqueCitations([acceptanceCitation, evaluationCitation]),
    signatures: [issuerBlock(input.agency, input.date)],
    warnings: [],
    meta: input.applicationNo ? { applicationNo: input.applicationNo } : {},
  };
}
