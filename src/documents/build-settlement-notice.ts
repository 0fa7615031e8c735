/**
 * 暂停医保结算通知书 (decision 0035): the agency suspends or ends the 医保 settlement of one department
 * or one practitioner of a designated institution, its agreement untouched (京医保发〔2021〕30号 第四十五条
 * asks the decision be notified in writing; 云医保〔2022〕6号 第二十五条). Same model and renderers as
 * every other notice.
 */
import { uniqueCitations, type DocumentModel } from './model';
import { issuerBlock, requireText, type Agency, type Institution } from './parties';
import { formatChinaDate } from './text-format';

export interface SettlementNoticeInput {
  number: string;
  date: string;
  agency: Agency;
  institution: Institution;
  agreementNumber: string;
  /** 科室「心内科」 / 医保医师 张三（…） */
  target: string;
  mode: 'suspend' | 'terminate';
  fromOn: string;
  untilOn: string | null;
  reason: string;
  citations: string[];
}

export function buildSettlementNotice(input: SettlementNoticeInput): DocumentModel {
  const institution = requireText(input.institution.name, 'institution.name', '机构名称');
  const opening = input.mode === 'suspend'
    ? `根据下列事实及依据，本机构决定自${formatChinaDate(input.fromOn)}起${input.untilOn ? `至${formatChinaDate(input.untilOn)}` : ''}中止你单位${input.target}涉及医疗保障基金使用的医疗服务，暂停其医保费用结算。你单位与本机构签订的医疗保障服务协议（协议编号：${input.agreementNumber}）继续履行。`
    : `根据下列事实及依据，本机构决定自${formatChinaDate(input.fromOn)}起终止你单位${input.target}的医保费用结算。你单位与本机构签订的医疗保障服务协议（协议编号：${input.agreementNumber}）继续履行。`;
  return {
    kind: 'settlement_notice',
    number: requireText(input.number, 'number', '文书编号'),
    title: '暂停医保结算通知书',
    issuer: input.agency.name,
    recipient: institution,
    date: input.date,
    sections: [
      { paragraphs: [opening] },
      { heading: '事实与理由', paragraphs: [input.reason] },
      { heading: '依据', paragraphs: [input.citations.join('；')] },
    ],
    citations: uniqueCitations(input.citations),
    signatures: [issuerBlock(input.agency, input.date)],
    warnings: [],
    meta: {},
  };
}
