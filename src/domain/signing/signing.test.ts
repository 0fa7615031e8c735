import { describe, expect, it } from 'vitest';
import { signAgreement, verifyAgreement, type Signature, type Signer } from './agreement-signature';
import { canonicalAgreementText, parseCanonicalAgreementText, type CanonicalDocument } from './canonical-text';
import { sha256Hex, sm3Hex } from './digest';
import { generateSm2KeyPair, isValidPublicKey, publicKeyOf, signText, verifySignature } from './sm2';

const at = new Date('2025-06-02T02:00:00Z');

function agreement(overrides: Partial<CanonicalDocument> = {}): CanonicalDocument {
  return {
    kind: 'agreement',
    number: '昆医保协〔2025〕7号',
    title: '医疗保障定点医疗机构服务协议',
    issuer: '昆明市医疗保障事业管理中心',
    recipient: '昆明市五华区康宁医院',
    date: '2025-06-01',
    sections: [
      { paragraphs: ['甲方：昆明市医疗保障事业管理中心', '乙方：昆明市五华区康宁医院'] },
      { heading: '第一条 总则', paragraphs: ['乙方应遵守医疗保障法律法规。'], list: { ordered: true, items: ['合理诊疗', '合理收费'] } },
      { heading: '第二条 结算', paragraphs: ['按月结算。'], table: { columns: ['项目', '标准'], rows: [['住院', '按病种付费']] } },
    ],
    citations: ['云医保〔2022〕6号 第十七条'],
    signatures: [
      { label: '甲方（盖章）', org: '昆明市医疗保障事业管理中心' },
      { label: '乙方（盖章）', org: '昆明市五华区康宁医院', signerLine: '法定代表人或授权委托人（签字）' },
    ],
    warnings: [],
    meta: { templateId: 'yn-medical', templateVersion: '2025版', unrelated: 'x' },
    ...overrides,
  };
}

function signer(role: Signer['role'], name: string, org: string, mandate?: string): Signer {
  const keys = generateSm2KeyPair();
  return { name, role, org, ...keys, ...(mandate ? { mandate } : {}) };
}

describe('digests', () => {
  it('SM3 and SHA-256 match the standard test vectors', () => {
    // GB/T 32905-2016 appendix A example 1
    expect(sm3Hex('abc')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
  it('hash the UTF-8 bytes of Chinese text', () => {
    // checked with `printf '医保协议 第一条' | openssl dgst -sm3`
    expect(sm3Hex('医保协议 第一条')).toBe('93ac22ea3bba0482a6ce3cf204b948f2f120ba89776d1ce1d9901996352cfa33');
  });
});

describe('SM2 keys and signatures', () => {
  it('generates distinct valid key pairs whose public key derives from the private key', () => {
    const a = generateSm2KeyPair();
    const b = generateSm2KeyPair();
    expect(a.privateKey).toMatch(/^[0-9a-f]{64}$/);
    expect(isValidPublicKey(a.publicKey)).toBe(true);
    expect(publicKeyOf(a.privateKey)).toBe(a.publicKey);
    expect(a.privateKey).not.toBe(b.privateKey);
  });

  it('round-trips sign and verify on the exact text', () => {
    const { privateKey, publicKey } = generateSm2KeyPair();
    const text = '甲方与乙方经协商一致，签订本协议。';
    const s = signText(text, privateKey);
    expect(s.algorithm).toBe('SM2-with-SM3');
    expect(s.digest).toBe(sm3Hex(text));
    expect(s.signature).toMatch(/^[0-9a-f]{128}$/);
    expect(verifySignature(text, s.signature, publicKey)).toBe(true);
  });

  it('uses a fresh nonce each time (two signatures of one text differ, both verify)', () => {
    const { privateKey, publicKey } = generateSm2KeyPair();
    const a = signText('同一文本', privateKey, publicKey);
    const b = signText('同一文本', privateKey, publicKey);
    expect(a.signature).not.toBe(b.signature);
    expect(verifySignature('同一文本', a.signature, publicKey)).toBe(true);
    expect(verifySignature('同一文本', b.signature, publicKey)).toBe(true);
  });

  it('fails after one character of the text changes', () => {
    const { privateKey, publicKey } = generateSm2KeyPair();
    const text = '结算周期为每月一次。';
    const { signature } = signText(text, privateKey, publicKey);
    expect(verifySignature('结算周期为每季一次。', signature, publicKey)).toBe(false);
  });

  it('fails with another key, and on malformed input instead of throwing', () => {
    const mine = generateSm2KeyPair();
    const other = generateSm2KeyPair();
    const { signature } = signText('协议文本', mine.privateKey, mine.publicKey);
    expect(verifySignature('协议文本', signature, other.publicKey)).toBe(false);
    expect(verifySignature('协议文本', 'zz', mine.publicKey)).toBe(false);
    expect(verifySignature('协议文本', signature, '04abcd')).toBe(false);
    expect(() => signText('x', 'not-a-key')).toThrow('SM2 私钥格式不正确');
  });

  it('interoperates with the standard scheme: sm-crypto verifies our signature of the raw text', async () => {
    const { createRequire } = await import('node:module');
    const { sm2 } = createRequire(import.meta.url)('sm-crypto') as typeof import('sm-crypto');
    const { privateKey, publicKey } = generateSm2KeyPair();
    const { signature } = signText('互操作', privateKey, publicKey);
    expect(sm2.doVerifySignature('互操作', signature, publicKey, { hash: true })).toBe(true);
    const theirs = sm2.doSignature('互操作', privateKey, { hash: true, publicKey });
    expect(verifySignature('互操作', theirs, publicKey)).toBe(true);
  });
});

describe('parseCanonicalAgreementText: the page renders exactly the text that is hashed', () => {
  it('reads the structure back so that serialising it again gives the same text, byte for byte', () => {
    const tricky = agreement({
      sections: [
        ...agreement().sections,
        { heading: '第三条 其他', paragraphs: ['第一行\n第二行', '反斜杠\\n不是换行', 'p: 伪造的行'], list: { ordered: false, items: ['甲', '乙'] }, note: '吉医保规〔2023〕1号 第二十三条(二)', table: { columns: ['a"b', 'c'], rows: [['1\n2', '\\']] } },
      ],
    });
    for (const doc of [agreement(), tricky]) {
      const text = canonicalAgreementText(doc);
      const parsed = parseCanonicalAgreementText(text);
      expect(canonicalAgreementText({ ...parsed, kind: 'agreement', warnings: [] })).toBe(text);
    }
    const p = parseCanonicalAgreementText(canonicalAgreementText(tricky));
    expect(p).toMatchObject({ number: '昆医保协〔2025〕7号', title: '医疗保障定点医疗机构服务协议', recipient: '昆明市五华区康宁医院', meta: { templateId: 'yn-medical' } });
    expect(p.sections[3]!.paragraphs).toEqual(['第一行\n第二行', '反斜杠\\n不是换行', 'p: 伪造的行']);
    expect(p.sections[1]!.list).toEqual({ ordered: true, items: ['合理诊疗', '合理收费'] });
    expect(p.signatures[1]).toEqual({ label: '乙方（盖章）', org: '昆明市五华区康宁医院', signerLine: '法定代表人或授权委托人（签字）' });
  });

  it('refuses a text of another format', () => {
    expect(() => parseCanonicalAgreementText('hello\n')).toThrow('协议文本格式无法识别');
  });
});

describe('canonicalAgreementText', () => {
  it('is stable and covers what the document shows, not signing state or trace data', () => {
    const a = canonicalAgreementText(agreement());
    expect(canonicalAgreementText(agreement())).toBe(a);
    expect(a.startsWith('dingdian-agreement-text/v1\n')).toBe(true);
    expect(a).toContain('heading: 第一条 总则');
    expect(a).toContain('ol: 合理收费');
    expect(a).toContain('tr: ["住院","按病种付费"]');
    expect(a).toContain('meta.templateVersion: 2025版');
    expect(a).not.toContain('unrelated');
    // signing state lives outside the model's text fields
    const signed = agreement();
    (signed.signatures[1] as Record<string, unknown>).signed = { signerName: '张三' };
    expect(canonicalAgreementText(signed)).toBe(a);
  });

  it('normalises line endings and Unicode composition but keeps every visible character', () => {
    const base = canonicalAgreementText(agreement());
    const withLines = (p: string) => {
      const d = agreement();
      d.sections[1]!.paragraphs = [p];
      return canonicalAgreementText(d);
    };
    expect(withLines('第一行\r\n第二行')).toBe(withLines('第一行\n第二行'));
    expect(withLines('Caf\u00e9')).toBe(withLines('Cafe\u0301')); // NFC
    expect(withLines('第一行\n第二行')).not.toBe(withLines('第一行第二行'));
    const changed = agreement();
    changed.sections[1]!.paragraphs = ['乙方应遵守医疗保障法律法規。'];
    expect(canonicalAgreementText(changed)).not.toBe(base);
  });

  it('cannot be forged across lines: a paragraph with a line break stays one line', () => {
    const sneaky = agreement();
    sneaky.sections[1]!.paragraphs = ['乙方应遵守。\nheading: 第九条 免责'];
    const text = canonicalAgreementText(sneaky);
    expect(text).toContain('p: 乙方应遵守。\\nheading: 第九条 免责');
    expect(text.split('\n').filter((l) => l.startsWith('heading: 第九条'))).toHaveLength(0);
  });

  it('refuses to produce a signable text while the document has warnings', () => {
    expect(() => canonicalAgreementText(agreement({ warnings: ['补充条款试图替换范本条款'] }))).toThrow(/不能签署/);
    expect(() => canonicalAgreementText(agreement({ kind: 'publicity' }))).toThrow(/只有医保协议/);
  });
});

describe('signAgreement / verifyAgreement', () => {
  const text = canonicalAgreementText(agreement());
  const institution = signer('legal_representative', '李四', '昆明市五华区康宁医院');
  const agency = signer('agency', '王五', '昆明市医疗保障事业管理中心');
  const both = (): Signature[] => [signAgreement(text, institution, at), signAgreement(text, agency, at)];

  it('records who signed what and verifies both parties', () => {
    const sigs = both();
    expect(sigs[0]).toMatchObject({
      signerName: '李四',
      role: 'legal_representative',
      org: '昆明市五华区康宁医院',
      signedAt: '2025-06-02T02:00:00.000Z',
      digest: sm3Hex(text),
      algorithm: 'SM2-with-SM3',
      publicKey: institution.publicKey,
    });
    const result = verifyAgreement(text, sigs);
    expect(result.map((r) => r.status)).toEqual(['valid', 'valid']);
    expect(result[0]!.roleLabel).toBe('法定代表人');
    expect(result[1]!.roleLabel).toBe('经办机构');
  });

  it('detects a change of one character of the text afterwards, for every signer', () => {
    const sigs = both();
    const tampered = text.replace('按月结算', '按季结算');
    expect(tampered).not.toBe(text);
    const result = verifyAgreement(tampered, sigs);
    expect(result.map((r) => r.status)).toEqual(['text_changed', 'text_changed']);
    expect(result[0]!.message).toContain('签署后文本已被改动');
  });

  it('reports a bad signature when the record is altered or signed with another key', () => {
    const [a, b] = both();
    const renamed = { ...a!, signerName: '赵六' };
    const otherKey = generateSm2KeyPair();
    const swappedKey = { ...b!, publicKey: otherKey.publicKey };
    const redigested = { ...a!, digest: sm3Hex('另一份文本') };
    const result = verifyAgreement(text, [renamed, swappedKey, redigested]);
    expect(result.map((r) => r.status)).toEqual(['bad_signature', 'bad_signature', 'bad_signature']);
  });

  it('a record re-signed by an impostor with their own key fails against the registered key', () => {
    const impostor = { ...signer('legal_representative', '李四', '昆明市五华区康宁医院') };
    const forged = signAgreement(text, impostor, at);
    const registry = new Map([['李四', institution.publicKey]]);
    expect(verifyAgreement(text, [forged])[0]!.status).toBe('valid'); // self-consistent …
    expect(verifyAgreement(text, [forged], { registeredKey: (s) => registry.get(s.signerName) })[0]!.status).toBe(
      'bad_signature', // … but not the key the system registered for 李四
    );
  });

  it('requires a mandate for an authorized agent and binds it into the signature', () => {
    expect(() => signAgreement(text, signer('authorized_agent', '钱七', '昆明市五华区康宁医院'), at)).toThrow(/授权委托书/);
    const agent = signer('authorized_agent', '钱七', '昆明市五华区康宁医院', 'sha256:abc');
    const s = signAgreement(text, agent, at);
    expect(verifyAgreement(text, [s])[0]!.status).toBe('valid');
    expect(verifyAgreement(text, [{ ...s, mandate: 'sha256:def' }])[0]!.status).toBe('bad_signature');
  });

  it('refuses a public key that does not belong to the private key', () => {
    const mixed = { ...institution, publicKey: agency.publicKey };
    expect(() => signAgreement(text, mixed, at)).toThrow(/公钥与私钥不匹配/);
  });
});
