import { strFromU8, unzipSync } from 'fflate';
import { extractText, getDocumentProxy } from 'unpdf';
import { beforeAll, describe, expect, it } from 'vitest';
import { signAgreement, SIGNER_ROLE_LABEL, verifyAgreement } from '../domain/signing/agreement-signature';
import { canonicalAgreementText } from '../domain/signing/canonical-text';
import { generateSm2KeyPair } from '../domain/signing/sm2';
import { buildAgreement } from './build-agreement';
import { buildSupplementNotice } from './build-supplement-notice';
import { documentFileName } from './layout';
import type { DocumentModel } from './model';
import { renderDocx } from './render-docx';
import { renderPdf } from './render-pdf';
import { agency, institution, supplement, template } from './test-fixtures';

const notice = buildSupplementNotice({
  number: '昆医保定补〔2025〕3号',
  date: '2025-03-07',
  agency,
  institution,
  receivedOn: '2025-03-03',
  missingItems: [
    { item: '医疗机构执业许可证副本复印件', citation: '京医保发〔2021〕30号 第七条(二)', requirement: '未加盖公章' },
    { item: '医保管理制度文本', citation: '京医保发〔2021〕30号 第七条(五)' },
  ],
  noticeBasis: { workingDays: 5, citation: '云医保〔2022〕6号 第十条' },
  due: '2025-03-21',
});

const agreement = buildAgreement({
  number: '昆医保协〔2025〕7号',
  date: '2025-06-10',
  template,
  supplement,
  agency,
  institution,
  term: { from: '2025-07-01', to: '2026-06-30' },
  citations: ['云医保〔2022〕6号 第十七条'],
  fields: { 医保支付类别: '普通门诊、住院' },
}).document;

const squash = (s: string) => s.replace(/\s+/g, '');

async function pdfText(pdf: Buffer): Promise<string> {
  const doc = await getDocumentProxy(new Uint8Array(pdf));
  const { text } = await extractText(doc, { mergePages: true });
  return squash(text);
}

function docxXml(docx: Buffer): { document: string; styles: string } {
  const files = unzipSync(new Uint8Array(docx));
  expect(Object.keys(files)).toContain('[Content_Types].xml');
  return { document: strFromU8(files['word/document.xml']!), styles: strFromU8(files['word/styles.xml']!) };
}

describe('renderDocx', () => {
  it('writes a valid zip whose word/document.xml carries the Chinese text and East-Asian fonts', async () => {
    const buf = await renderDocx(notice);
    expect(buf.subarray(0, 2).toString('latin1')).toBe('PK');
    const { document, styles } = docxXml(buf);
    for (const s of ['医疗保障定点申请材料补正一次性告知书', '昆医保定补〔2025〕3号', '昆明市五华区康宁医院：', '医疗机构执业许可证副本复印件', '京医保发〔2021〕30号 第七条(五)', '请于2025年3月21日前']) {
      expect(document).toContain(s);
    }
    expect(document).toContain('w:eastAsia="黑体"'); // headings
    expect(styles).toContain('w:eastAsia="宋体"'); // body default
    expect(styles).toContain('w:eastAsia="zh-CN"');
  });

  it('escapes markup in the text instead of interpreting it', async () => {
    const evil: DocumentModel = { ...notice, sections: [{ paragraphs: ['<w:p>注入</w:p> & "引号"'] }] };
    const { document } = docxXml(await renderDocx(evil));
    expect(document).toContain('&lt;w:p&gt;注入&lt;/w:p&gt; &amp;');
  });
});

describe('renderPdf (Noto Sans SC from npm)', () => {
  let text: string;
  beforeAll(async () => {
    const buf = await renderPdf(notice);
    expect(buf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(buf.length).toBeLessThan(200_000); // font subset embedded, not the 10 MB font
    text = await pdfText(buf);
  });

  it('contains the Chinese text, extracted back from the PDF', () => {
    for (const s of [
      '医疗保障定点申请材料补正一次性告知书',
      '昆医保定补〔2025〕3号',
      '现将需要补充的全部材料（共2项）一次性告知如下',
      '医疗机构执业许可证副本复印件',
      '京医保发〔2021〕30号第七条(二)',
      '昆明市医疗保障事业管理中心（盖章）',
      '2025年3月7日',
    ]) {
      expect(text).toContain(squash(s));
    }
  });

  it('shows the draft warnings of an agreement that may not be signed', async () => {
    const draft: DocumentModel = { ...agreement, warnings: ['补充条款“X1”试图替换范本条款“违约责任”'] };
    const t = await pdfText(await renderPdf(draft));
    expect(t).toContain(squash('草稿：以下问题解决前不得印发或签署'));
    expect(t).toContain(squash('试图替换范本条款“违约责任”'));
  });
});

describe('agreement: build → sign by both parties → render → verify', () => {
  it('signs the canonical text, shows the signatures in the documents and detects a later change', async () => {
    const text = canonicalAgreementText(agreement);
    const hospital = { name: '李四', role: 'legal_representative' as const, org: institution.name, ...generateSm2KeyPair() };
    const officer = { name: '王五', role: 'agency' as const, org: agency.name, ...generateSm2KeyPair() };
    const sigs = [signAgreement(text, officer, new Date('2025-06-12T01:00:00Z')), signAgreement(text, hospital, new Date('2025-06-11T08:30:00Z'))];

    const signed: DocumentModel = {
      ...agreement,
      signatures: agreement.signatures.map((block, i) => {
        const s = sigs[i]!;
        return { ...block, signed: { signerName: s.signerName, roleLabel: SIGNER_ROLE_LABEL[s.role], signedAt: s.signedAt, algorithm: s.algorithm, digestHex: s.digest } };
      }),
    };
    // Signing state is not part of the signed text.
    expect(canonicalAgreementText(signed)).toBe(text);
    expect(verifyAgreement(canonicalAgreementText(signed), sigs).map((r) => r.status)).toEqual(['valid', 'valid']);

    const pdf = await pdfText(await renderPdf(signed));
    expect(pdf).toContain(squash('第三条 费用结算'));
    expect(pdf).toContain(squash('（地方补充）每月10日前完成上月费用的对账。'));
    expect(pdf).toContain(squash('已于2025年6月11日 16:30（北京时间）由李四（法定代表人）在线签署'));
    expect(pdf).toContain(sigs[1]!.digest);
    const { document } = docxXml(await renderDocx(signed));
    expect(document).toContain('第五条 异地就医');
    expect(document).toContain(sigs[0]!.digest);

    const edited: DocumentModel = {
      ...signed,
      sections: signed.sections.map((s) => (s.id === 'settlement' ? { ...s, paragraphs: ['甲方按季与乙方结算医保基金应支付的费用。'] } : s)),
    };
    expect(verifyAgreement(canonicalAgreementText(edited), sigs).map((r) => r.status)).toEqual(['text_changed', 'text_changed']);
  });

  it('names the download file after the kind and number', () => {
    expect(documentFileName(notice, 'pdf')).toBe('一次性告知书-昆医保定补〔2025〕3号.pdf');
    expect(documentFileName(agreement, 'docx')).toBe('医疗保障服务协议-昆医保协〔2025〕7号.docx');
  });
});
