/**
 * 公示: the list of institutions found 合格, published within 3 工作日 for 7 工作日
 * (云医保〔2022〕6号 第十五条); complaints found true cancel the negotiation
 * (吉医保规〔2023〕1号 第十九条). The periods come from the profile.
 */
import { AppError } from '../domain/errors';
import { uniqueCitations, type DocumentModel } from './model';
import { issuerBlock, requireText, type Agency } from './parties';
import { formatChinaDate } from './text-format';

export interface PublicityEntry {
  name: string;
  /** e.g. '医疗机构', '零售药店', '长期护理保险定点机构'. */
  kindLabel: string;
  address: string;
  /** 医保支付类别, e.g. ['普通门诊', '住院']. */
  categories: string[];
}

export interface PublicityInput {
  number: string;
  date: string;
  agency: Agency;
  entries: PublicityEntry[];
  period: { from: string; to: string; workingDays: number; citation: string };
  complaint: { phone?: string; email?: string; address?: string; url?: string };
  /** The article on complaints during publicity, e.g. '吉医保规〔2023〕1号 第十九条'. */
  complaintCitation?: string;
}

export function buildPublicity(input: PublicityInput): DocumentModel {
  const periodCitation = requireText(input.period.citation, 'period.citation', '公示依据');
  if (input.entries.length === 0) {
    throw new AppError('INVALID_INPUT', '公示名单不能为空', { field: 'entries' });
  }
  const channels = [
    input.complaint.phone && `电话：${input.complaint.phone}`,
    input.complaint.email && `电子邮箱：${input.complaint.email}`,
    input.complaint.address && `通信地址：${input.complaint.address}`,
    input.complaint.url && `网上投诉：${input.complaint.url}`,
  ].filter((c): c is string => Boolean(c));
  if (channels.length === 0) {
    throw new AppError('INVALID_INPUT', '公示应载明投诉举报的联系方式', { field: 'complaint' });
  }
  const n = input.entries.length;
  const complaintCitation = input.complaintCitation?.trim();

  return {
    kind: 'publicity',
    number: requireText(input.number, 'number', '文书编号'),
    title: '拟签订医疗保障服务协议的定点医药机构名单公示',
    issuer: input.agency.name,
    date: input.date,
    sections: [
      {
        paragraphs: [
          `根据${periodCitation}的规定，经评估合格，现将拟签订医疗保障服务协议的医药机构名单（共${n}家）予以公示。` +
            `公示期自${formatChinaDate(input.period.from)}至${formatChinaDate(input.period.to)}，共${input.period.workingDays}个工作日。`,
        ],
        table: {
          columns: ['序号', '机构名称', '类别', '地址', '医保支付类别'],
          rows: input.entries.map((e, i) => [
            String(i + 1),
            e.name.trim(),
            e.kindLabel.trim(),
            e.address.trim(),
            e.categories.join('、') || '—',
          ]),
          widths: [1, 4, 2, 4, 3],
        },
      },
      {
        heading: '投诉举报',
        paragraphs: [
          '公示期间，任何单位和个人对公示名单有异议的，可通过以下方式实名反映，并提供联系方式和相关线索：',
          ...channels,
          `本机构将对收到的投诉举报认真调查核实${complaintCitation ? `，经核实情况属实的，按照${complaintCitation}的规定取消其协商谈判资格` : ''}。`,
        ],
      },
    ],
    citations: uniqueCitations([periodCitation, complaintCitation ?? '']),
    signatures: [issuerBlock(input.agency, input.date)],
    warnings: [],
    meta: {},
  };
}
