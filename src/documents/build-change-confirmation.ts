/** 变更确认通知书: the agency confirms an institution's major change and that the registry now holds it. */
import { uniqueCitations, type DocumentModel } from './model';
import { issuerBlock, requireText, type Agency, type Institution } from './parties';
import { formatChinaDate } from './text-format';

export interface ChangeConfirmationInput {
  number: string;
  date: string;
  agency: Agency;
  institution: Institution;
  /** filed on, the authority's approval document and its date */
  submittedOn: string;
  approvalDocNo: string | null;
  approvalDate: string | null;
  /** rows: 变更事项, 变更前, 变更后 */
  changes: { label: string; from: string; to: string }[];
  /** filed after the limit: said in the notice, with the article */
  late: { citation: string } | null;
  /** 吉医保规〔2023〕1号 第二十五条第二款 */
  recognition: { by: string; citation: string } | null;
  citations: string[];
}

export function buildChangeConfirmation(input: ChangeConfirmationInput): DocumentModel {
  const institution = requireText(input.institution.name, 'institution.name', '机构名称');
  const approval = input.approvalDocNo
    ? `（有关部门批准文件：${input.approvalDocNo}${input.approvalDate ? `，批准日期${formatChinaDate(input.approvalDate)}` : ''}）` : '';
  const paragraphs = [
    `你单位于${formatChinaDate(input.submittedOn)}提交的重大信息变更申请${approval}收悉。经审核，同意变更，` +
      `本机构已于${formatChinaDate(input.date)}据此更新定点医药机构信息。依据：${input.citations.join('；')}。`,
  ];
  if (input.late) paragraphs.push(`你单位未在有关部门批准之日起30个工作日内提出变更申请（${input.late.citation}），已记录在案。`);
  if (input.recognition) paragraphs.push(`${input.recognition.by}医保经办机构互认本次变更结果，无须再次办理变更（${input.recognition.citation}）。`);
  return {
    kind: 'change_confirmation',
    number: requireText(input.number, 'number', '文书编号'),
    title: '定点医药机构信息变更确认通知书',
    issuer: input.agency.name,
    recipient: institution,
    date: input.date,
    sections: [
      { paragraphs },
      { heading: '变更事项', paragraphs: [], table: { columns: ['变更事项', '变更前', '变更后'], rows: input.changes.map((c) => [c.label, c.from, c.to]) } },
    ],
    citations: uniqueCitations(input.citations),
    signatures: [issuerBlock(input.agency, input.date)],
    warnings: [],
    meta: {},
  };
}
