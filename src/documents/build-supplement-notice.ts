/**
 * 一次性告知书: the application is incomplete. ONE notice lists every missing item with the
 * article that requires it, issued within the profile's working days of receipt
 * (云医保〔2022〕6号 第九条, 京医保发〔2021〕30号 第八条: 5个工作日). Each item may carry its own
 * requirement (过期证照、缺少盖章 …); the 补正期限 is set by the agency (decision 0016).
 */
import { AppError } from '../domain/errors';
import { uniqueCitations, type DocumentModel } from './model';
import { applicationRef, issuerBlock, requireText, type Agency, type Institution } from './parties';
import { formatChinaDate } from './text-format';

export interface MissingItem {
  /** The material, e.g. '医疗机构执业许可证副本复印件'. */
  item: string;
  /** The article that requires it, e.g. '京医保发〔2021〕30号 第七条(二)'. */
  citation: string;
  /** What exactly is missing or wrong, e.g. '未加盖公章'. */
  requirement?: string;
}

export interface SupplementNoticeInput {
  number: string;
  date: string;
  agency: Agency;
  institution: Institution;
  applicationNo?: string;
  receivedOn: string;
  /** Every missing item — the notice is the one and only request (一次性告知). */
  missingItems: MissingItem[];
  /** The profile's notice period and its article (5 工作日). */
  noticeBasis: { workingDays: number; citation: string };
  /** 补正期限: the date by which the institution should hand in the items, as the agency set it. */
  due?: string;
  /** The article saying supplement time is not counted in the evaluation period. */
  pauseCitation?: string;
}

export function buildSupplementNotice(input: SupplementNoticeInput): DocumentModel {
  const institution = requireText(input.institution.name, 'institution.name', '申请单位名称');
  const basis = requireText(input.noticeBasis.citation, 'noticeBasis.citation', '一次性告知依据');
  if (input.missingItems.length === 0) {
    throw new AppError('INVALID_INPUT', '一次性告知书应列明全部需补充的材料，至少一项', { field: 'missingItems' });
  }
  const items = input.missingItems.map((m, i) => ({
    item: requireText(m.item, `missingItems.${i}.item`, `第${i + 1}项材料名称`),
    citation: requireText(m.citation, `missingItems.${i}.citation`, `第${i + 1}项材料的依据`),
    requirement: m.requirement?.trim() ?? '',
  }));
  const n = items.length;
  const dueText = input.due
    ? `请于${formatChinaDate(input.due)}前一次性补齐上述${n}项材料。`
    : `请补齐上述${n}项材料后一并提交。`;
  const pauseText = input.pauseCitation
    ? `补充材料的时间不计入评估期限（${input.pauseCitation}）。`
    : '补充材料的时间不计入评估期限。';

  return {
    kind: 'supplement_notice',
    number: requireText(input.number, 'number', '文书编号'),
    title: '医疗保障定点申请材料补正一次性告知书',
    issuer: input.agency.name,
    recipient: institution,
    date: input.date,
    sections: [
      {
        paragraphs: [
          `你单位于${formatChinaDate(input.receivedOn)}提交的医疗保障定点申请${applicationRef(input.applicationNo)}材料收悉。` +
            `经审查，申请材料不全。根据${basis}关于自收到材料之日起${input.noticeBasis.workingDays}个工作日内一次性告知补充的规定，` +
            `现将需要补充的全部材料（共${n}项）一次性告知如下：`,
        ],
        table: {
          columns: ['序号', '需补充的材料', '具体要求', '依据'],
          rows: items.map((m, i) => [String(i + 1), m.item, m.requirement || '—', m.citation]),
          widths: [1, 4, 3, 4],
        },
      },
      {
        heading: '补正要求',
        paragraphs: [
          dueText,
          `本告知书已一次性列明需要补充的全部材料。${pauseText}`,
        ],
      },
    ],
    citations: uniqueCitations([basis, ...items.map((m) => m.citation), input.pauseCitation ?? '']),
    signatures: [issuerBlock(input.agency, input.date)],
    warnings: [],
    meta: input.applicationNo ? { applicationNo: input.applicationNo } : {},
  };
}
