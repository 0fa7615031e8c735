/**
 * The four notices of an agreement's life (issue #10): 中止协议通知书, 恢复履行通知书, 解除协议通知书,
 * 协议终止通知书 — the situation with its article, the facts, the effective date, rectification
 * requirements and deadlines, and the parties. 京医保发〔2021〕30号 第四十五条 asks that a
 * suspension or termination be notified in writing; 第四十九条 / 云医保〔2022〕6号 第三十一条 that it
 * reach the administrative department (the filings inbox lists these documents).
 */
import { uniqueCitations, type DocumentModel } from './model';
import { issuerBlock, requireText, type Agency, type Institution } from './parties';
import { formatChinaDate } from './text-format';

export type AgreementNoticeKind = 'suspension_notice' | 'resumption_notice' | 'termination_notice' | 'ending_notice';

export interface AgreementNoticeInput {
  kind: AgreementNoticeKind;
  number: string;
  title: string;
  date: string;
  agency: Agency;
  institution: Institution;
  agreementNumber: string;
  termFrom: string;
  termTo: string;
  /** the situation (中止 / 解除 ground, or the cause of the ending) in words */
  situation: string;
  facts?: string | null;
  effectiveOn: string;
  rectification?: string | null;
  /** e.g. [['中止期限至', '2026-06-01'], ['资料提供期限', '2026-01-08']] */
  deadlines: [string, string][];
  citations: string[];
}

const OPENING: Record<AgreementNoticeKind, (i: AgreementNoticeInput) => string> = {
  suspension_notice: (i) => `根据下列情形及依据，本机构决定自${formatChinaDate(i.effectiveOn)}起中止与你单位签订的医疗保障服务协议（协议编号：${i.agreementNumber}）。中止期间暂停医保费用结算。`,
  resumption_notice: (i) => `你单位医疗保障服务协议（协议编号：${i.agreementNumber}）自${formatChinaDate(i.effectiveOn)}起恢复履行，恢复医保费用结算。`,
  termination_notice: (i) => `根据下列情形及依据，本机构决定自${formatChinaDate(i.effectiveOn)}起解除与你单位签订的医疗保障服务协议（协议编号：${i.agreementNumber}）。解除后停止医保费用结算。`,
  ending_notice: (i) => `你单位医疗保障服务协议（协议编号：${i.agreementNumber}，有效期${formatChinaDate(i.termFrom)}至${formatChinaDate(i.termTo)}）自${formatChinaDate(i.effectiveOn)}起终止，停止医保费用结算。`,
};

export function buildAgreementNotice(input: AgreementNoticeInput): DocumentModel {
  const institution = requireText(input.institution.name, 'institution.name', '医药机构名称');
  const rows: string[][] = [['协议编号', input.agreementNumber], ['协议有效期', `${input.termFrom} 至 ${input.termTo}`], ['情形', input.situation]];
  if (input.facts?.trim()) rows.push(['事实', input.facts.trim()]);
  rows.push(['生效日期', input.effectiveOn]);
  for (const [label, on] of input.deadlines) rows.push([label, on]);
  if (input.citations.length) rows.push(['依据', input.citations.join('；')]);
  const sections: DocumentModel['sections'] = [
    { paragraphs: [OPENING[input.kind](input)], table: { columns: ['事项', '内容'], rows, widths: [2, 8] } },
  ];
  if (input.rectification?.trim()) sections.push({ heading: '整改要求', paragraphs: [input.rectification.trim()] });
  if (input.kind === 'suspension_notice' || input.kind === 'termination_notice') {
    sections.push({ paragraphs: ['对本决定有异议的，可以依法申请行政复议或者提起行政诉讼。'] });
  }
  return {
    kind: 'agreement_notice',
    number: requireText(input.number, 'number', '文书编号'),
    title: input.title,
    issuer: input.agency.name,
    recipient: institution,
    date: input.date,
    sections,
    citations: uniqueCitations(input.citations),
    signatures: [issuerBlock(input.agency, input.date)],
    warnings: [],
    meta: { noticeKind: input.kind, agreementNumber: input.agreementNumber },
  };
}
