/**
 * The text of an agreement brought in by the registry import (issue #9): not a 范本 text — that is on
 * paper — but a record of what was imported (parties, number, term, categories), in the canonical
 * agreement format so that the agreement views read it like any other. No signature covers it.
 */
import { canonicalAgreementText, type CanonicalDocument } from '../signing/canonical-text';
import { sm3Hex } from '../signing/digest';
import { paymentCategoryLabel, type PaymentCategory } from './enums';

export interface ImportedAgreementFacts {
  number: string;
  institutionName: string;
  uscc: string;
  ybCode: string | null;
  termFrom: string;
  termTo: string;
  categories: PaymentCategory[];
  importedOn: string;
}

export function importedAgreementDocument(f: ImportedAgreementFacts): CanonicalDocument {
  return {
    kind: 'agreement',
    number: f.number,
    title: '医疗保障定点医药机构服务协议（存量协议登记）',
    issuer: '医疗保障经办机构',
    recipient: f.institutionName,
    date: f.termFrom,
    sections: [{
      heading: '导入的存量协议',
      paragraphs: [
        `本协议在启用本系统前已签订，纸质文本由经办机构存档；本记录于 ${f.importedOn} 由登记簿导入，不含电子签名。`,
        `协议期限：${f.termFrom} 至 ${f.termTo}。`,
      ],
      table: {
        columns: ['项目', '内容'],
        rows: [
          ['定点医药机构', f.institutionName],
          ['统一社会信用代码', f.uscc],
          ['医保机构编码', f.ybCode ?? ''],
          ['医保支付类别', f.categories.map((c) => paymentCategoryLabel[c] ?? c).join('、')],
        ],
      },
    }],
    citations: [],
    signatures: [],
    warnings: [],
    meta: { source: 'import' },
  };
}

/** The model, its canonical text and SM3 digest, as stored in `agreements`. */
export function importedAgreementText(f: ImportedAgreementFacts): { model: CanonicalDocument; canonicalText: string; textSm3: string } {
  const model = importedAgreementDocument(f);
  const canonicalText = canonicalAgreementText(model);
  return { model, canonicalText, textSm3: sm3Hex(canonicalText) };
}
