import { describe, expect, it } from 'vitest';
import { ALL_CASES } from './cases/index';
import { formatCitation, chineseNumeral } from './citation';
import { DOCUMENTS, docEffectiveFrom, isDocId } from './documents';
import type { Citation } from './citation';
import type { Rule } from './model';
import { PROFILES } from './profiles';
import { resolveProfile } from './resolve';

/** Every rule reachable in any profile on any date (own rules, overrides, and what they inherit). */
function allRules(): { profile: string; rule: Rule }[] {
  const out: { profile: string; rule: Rule }[] = [];
  for (const p of PROFILES) {
    for (const r of p.added) out.push({ profile: p.id, rule: r });
    for (const o of p.overrides) out.push({ profile: p.id, rule: o.rule });
  }
  return out;
}

function checkCitation(c: Citation, where: string, ruleVerified: boolean): string[] {
  const problems: string[] = [];
  if (!isDocId(c.doc)) problems.push(`${where}: 未知文件 ${c.doc}`);
  else {
    const doc = DOCUMENTS[c.doc];
    if (c.verified !== false && ruleVerified) {
      if (doc.structure === 'articles' && c.article === undefined) problems.push(`${where}: 缺少条号`);
      if (doc.structure === 'sections' && c.part === undefined) problems.push(`${where}: 缺少部分序号`);
    }
    if (doc.structure === 'sections' && c.article !== undefined) problems.push(`${where}: 通知类文件应按部分引用`);
    if (c.article === undefined && c.part === undefined && !c.text) problems.push(`${where}: 未定位的引用须摘引原文`);
  }
  return problems;
}

describe('policy meta-test: every rule of every profile', () => {
  const rules = allRules();

  it('has a citation to a known document, located, and takes effect no earlier than the document', () => {
    const problems: string[] = [];
    for (const { profile, rule } of rules) {
      const where = `${profile}/${rule.id}`;
      if (rule.cites.length === 0) problems.push(`${where}: 没有出处`);
      for (const c of rule.cites) {
        problems.push(...checkCitation(c, where, rule.verified));
        if (isDocId(c.doc) && rule.effective.from < docEffectiveFrom(c.doc)) {
          problems.push(`${where}: 生效日 ${rule.effective.from} 早于 ${c.doc} 施行日 ${docEffectiveFrom(c.doc)}`);
        }
      }
      for (const m of rule.materials ?? []) problems.push(...checkCitation(m.cite, `${where}/${m.id}`, rule.verified));
      if (!/[\u4e00-\u9fff]/.test(rule.title)) problems.push(`${where}: 标题应为中文`);
    }
    expect(problems).toEqual([]);
  });

  it('every parameter value has its own citation, dated no earlier than its document', () => {
    const problems: string[] = [];
    for (const p of PROFILES) for (const def of p.params) for (const v of def.values) {
      const where = `${p.id}/${def.key}@${v.from}`;
      problems.push(...checkCitation(v.cite, where, true).filter((x) => v.cite.verified !== false || !x.includes('缺少')));
      if (isDocId(v.cite.doc) && v.from < docEffectiveFrom(v.cite.doc)) problems.push(`${where}: 早于文件施行日`);
    }
    expect(problems).toEqual([]);
  });

  it('rules only use parameters their profile defines', () => {
    const problems: string[] = [];
    for (const p of PROFILES) {
      const r = resolveProfile(p.id, '2030-01-01');
      for (const { rule } of r.rules) for (const k of rule.params) if (!r.params.has(k)) problems.push(`${p.id}/${rule.id}: 参数 ${k} 未定义`);
    }
    expect(problems).toEqual([]);
  });

  it('rule ids are unique and overrides name a rule of the parent chain', () => {
    const ids = rules.map((r) => r.rule.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    for (const p of PROFILES) {
      if (!p.extends) continue;
      const parent = resolveProfile(p.extends, '2030-01-01').rules.map((r) => r.rule.id);
      for (const o of p.overrides) expect(parent, `${p.id} 覆盖 ${o.replaces}`).toContain(o.replaces);
    }
  });

  it('every rule has at least one rule case', () => {
    const tested = new Set(ALL_CASES.flatMap((f) => f.cases.map((c) => c.ruleId)));
    expect(rules.map((r) => r.rule.id).filter((id) => !tested.has(id))).toEqual([]);
  });

  it('unverified national pharmacy items are marked verified: false', () => {
    const pharmacy = rules.filter((r) => r.rule.id.startsWith('national.pharmacy.'));
    expect(pharmacy.length).toBeGreaterThan(0);
    for (const { rule } of pharmacy) expect(rule.verified, rule.id).toBe(false);
  });
});

describe('citations', () => {
  it('writes Chinese numerals', () => {
    expect([1, 10, 11, 12, 20, 21, 43, 53, 100, 105, 110].map(chineseNumeral)).toEqual([
      '一', '十', '十一', '十二', '二十', '二十一', '四十三', '五十三', '一百', '一百零五', '一百一十',
    ]);
  });
  it('formats article, clause, item and point', () => {
    expect(formatCitation({ doc: '京医保发〔2021〕30号', article: 12, item: 7 })).toBe('京医保发〔2021〕30号 第十二条(七)');
    expect(formatCitation({ doc: '京医保发〔2021〕30号', article: 42, clause: 2, item: 1 })).toBe('京医保发〔2021〕30号 第四十二条第二款(一)');
    expect(formatCitation({ doc: '云医保〔2022〕6号', article: 14, item: 2, point: 3 })).toBe('云医保〔2022〕6号 第十四条(二)3');
    expect(formatCitation({ doc: '云人社发〔2016〕308号', part: 3 })).toBe('云人社发〔2016〕308号 三');
  });
  it('labels the draft 草案 and an unlocated article 条号待核', () => {
    expect(formatCitation({ doc: '自治区医保局〔2025〕征求意见稿', part: 3, item: 3 })).toBe('自治区医保局〔2025〕征求意见稿（草案） 三(三)');
    expect(formatCitation({ doc: '国家医疗保障局令第2号', text: '…' })).toBe('国家医疗保障局令第2号（条号待核）');
  });
  it('registers the documents with their 施行 dates', () => {
    expect(DOCUMENTS['国家医疗保障局令第2号'].inForce).toBe('2021-02-01');
    expect(DOCUMENTS['国家医疗保障局令第3号'].inForce).toBe('2021-02-01');
    expect(DOCUMENTS['国务院令第735号'].inForce).toBe('2021-05-01');
    expect(DOCUMENTS['京医保发〔2021〕30号'].inForce).toBe('2022-01-01');
    expect(DOCUMENTS['云医保〔2022〕6号'].inForce).toBe('2022-03-01');
    expect(DOCUMENTS['吉医保规〔2023〕1号'].inForce).toBe('2023-07-01');
    expect(DOCUMENTS['自治区医保局〔2025〕征求意见稿'].draft).toBe(true);
  });
});
