import { describe, expect, it } from 'vitest';
import { materialsForRoute, resolveProfile, type LocalValue } from './resolve';
import { delegatedEntries, localValueProblems } from './local';

const KM = '530100';
const signing = (value: number, effectiveFrom = '2026-01-01'): LocalValue => ({
  regionCode: KM, key: 'signing.limit.workdays', value, items: null, docNo: '昆医保〔2026〕1号', effectiveFrom, citation: '昆明市定点医药机构协议签订时限的通知',
});
const simplified: LocalValue = {
  regionCode: KM, key: 'materials.add_category.pharmacy', value: null, items: ['application_form', 'licence_copy', 'information_system'],
  docNo: '昆医保〔2026〕2号', effectiveFrom: '2026-01-01', citation: '关于增加支付类别简化申请材料的通知',
};

describe('统筹地区参数的分层（决定 0031）', () => {
  it('云医保〔2022〕6号 第十八条: the signing limit is delegated; a local value on or before the date wins over the province example', () => {
    expect(resolveProfile('yunnan', '2026-03-01').params.get('signing.limit.workdays')).toMatchObject({ value: 20, layer: 'province' });
    const r = resolveProfile('yunnan', '2026-03-01', [signing(15)]);
    expect(r.params.get('signing.limit.workdays')).toMatchObject({ value: 15, layer: 'local', local: { docNo: '昆医保〔2026〕1号' } });
    expect(r.version).toContain('+530100');
    // not yet in force: the province's value stands
    expect(resolveProfile('yunnan', '2025-12-31', [signing(15)]).params.get('signing.limit.workdays')).toMatchObject({ value: 20, layer: 'province' });
    // the latest of two local dates wins
    expect(resolveProfile('yunnan', '2026-08-01', [signing(15), signing(12, '2026-07-01')]).params.get('signing.limit.workdays')?.value).toBe(12);
  });

  it('云医保〔2022〕6号 第十八条: a local row for a parameter the profile does not delegate is ignored', () => {
    const r = resolveProfile('yunnan', '2026-03-01', [{ ...signing(1), key: 'publicity.workdays' }]);
    expect(r.params.get('publicity.workdays')).toMatchObject({ value: 7, layer: 'province' });
    expect(r.params.get('notice.supplement.workdays')?.layer).toBe('province');
    expect(resolveProfile('national', '2026-03-01').params.get('notice.supplement.workdays')?.layer).toBe('national');
  });

  it('云医保〔2022〕6号 第六条第二款: adding a payment category asks for the pooling region\'s simplified list, citing its 文号; a new applicant the full list', () => {
    const plain = resolveProfile('yunnan', '2026-03-01');
    expect(materialsForRoute(plain, 'pharmacy', 'add_category').filter((m) => !m.optional)).toHaveLength(7);
    const r = resolveProfile('yunnan', '2026-03-01', [simplified]);
    const list = materialsForRoute(r, 'pharmacy', 'add_category');
    expect(list.map((m) => m.id)).toEqual(['application_form', 'licence_copy', 'information_system']);
    expect(list.every((m) => m.citation.startsWith('昆医保〔2026〕2号'))).toBe(true);
    expect(materialsForRoute(r, 'pharmacy', 'new')).toHaveLength(8);
    expect(materialsForRoute(r, 'medical', 'add_category')).toHaveLength(6);
  });

  it('云医保〔2022〕6号 第六条第二款 / 第十八条: the delegated entries show the layer; the example value is unconfirmed until set', () => {
    const before = delegatedEntries('yunnan', '2026-03-01', []);
    expect(before.map((e) => e.key)).toEqual(['signing.limit.workdays', 'materials.add_category.medical', 'materials.add_category.pharmacy', 'materials.add_category.ltc']);
    expect(before.every((e) => e.unconfirmed && e.layer === 'province')).toBe(true);
    const after = delegatedEntries('yunnan', '2026-03-01', [signing(15), simplified]);
    expect(after.find((e) => e.key === 'signing.limit.workdays')).toMatchObject({ layer: 'local', value: 15, docNo: '昆医保〔2026〕1号', unconfirmed: false });
    expect(after.find((e) => e.key === 'materials.add_category.pharmacy')).toMatchObject({ layer: 'local', items: simplified.items, unconfirmed: false });
    expect(delegatedEntries('beijing', '2026-03-01', [])).toEqual([]);
  });

  it('云医保〔2022〕6号 第十八条: only delegated keys, sane numbers and the profile\'s own items may be set', () => {
    expect(localValueProblems('yunnan', '2026-03-01', 'signing.limit.workdays', 15, null)).toEqual([]);
    expect(localValueProblems('yunnan', '2026-03-01', 'publicity.workdays', 5, null)[0]?.field).toBe('key');
    expect(localValueProblems('yunnan', '2026-03-01', 'signing.limit.workdays', 0, null)[0]?.message).toContain('1–250');
    expect(localValueProblems('yunnan', '2026-03-01', 'signing.limit.workdays', 2.5, null)[0]?.field).toBe('value');
    expect(localValueProblems('yunnan', '2026-03-01', 'materials.add_category.pharmacy', null, ['application_form'])).toEqual([]);
    expect(localValueProblems('yunnan', '2026-03-01', 'materials.add_category.pharmacy', null, ['bogus'])[0]?.message).toContain('bogus');
    expect(localValueProblems('yunnan', '2026-03-01', 'materials.add_category.pharmacy', null, [])[0]?.field).toBe('items');
  });
});
