import { describe, expect, it } from 'vitest';
import { notDrawableReason, parseSpecialties } from './expert';
import { planImport, type ExistingExpert, type RawRow } from './import-plan';
import { drawPanel, replaceMember, shortageText, type Expert } from '../designation/panel';
import { withIdCheck } from '../validators/id-number';
import { withUsccCheck } from '../validators/uscc';

const USCC = withUsccCheck('12530000MB0000001');
const id = (n: number) => withIdCheck(`53010219800101${String(n).padStart(3, '0')}`);
const raw = (row: number, over: Partial<RawRow> = {}): RawRow => ({
  row, name: `专家${row}`, idNumber: id(row), specialties: '法律', employer: '某大学', employerUscc: USCC,
  phone: '', termFrom: '2025-01-01', termTo: '2027-12-31', username: '', ...over,
});
const known = (r: RawRow, over: Partial<ExistingExpert> = {}): ExistingExpert => ({
  id: `e${r.row}`, userId: `u${r.row}`, username: `expert_${r.idNumber.slice(-6).toLowerCase()}`, name: r.name, idNumber: r.idNumber,
  specialties: ['law'], employer: r.employer, employerUscc: r.employerUscc, phone: null, termFrom: r.termFrom, termTo: r.termTo,
  status: 'active', version: 1, ...over,
});

describe('评估专家库 (吉医保规〔2023〕1号 第十五条)', () => {
  it('吉医保规〔2023〕1号 第十五条: only an active expert within the term (both ends inclusive) with a working account is drawable', () => {
    const e = { status: 'active' as const, termFrom: '2025-01-01', termTo: '2025-12-31', accountActive: true };
    expect(notDrawableReason(e, '2025-01-01')).toBeNull();
    expect(notDrawableReason(e, '2025-12-31')).toBeNull();
    expect(notDrawableReason(e, '2026-01-01')).toContain('届满');
    expect(notDrawableReason(e, '2024-12-31')).toContain('尚未开始');
    expect(notDrawableReason({ ...e, status: 'suspended' }, '2025-06-01')).toContain('暂停');
    expect(notDrawableReason({ ...e, accountActive: false }, '2025-06-01')).toContain('账号');
    expect(notDrawableReason({ ...e, termTo: null }, '2099-01-01')).toBeNull();
  });

  it('specialties are read from the Chinese vocabulary, any common separator; unknown words are named', () => {
    expect(parseSpecialties('医疗保障、法律，财务')).toEqual({ ok: true, value: ['medical_insurance', 'law', 'finance'] });
    expect(parseSpecialties('法律 中医')).toEqual({ ok: false, unknown: ['中医'] });
  });

  it('云医保〔2022〕6号 第十一条: the shortage names the specialty and why — active, conflicted, stood down', () => {
    const pool: Expert[] = [
      { id: 'a', name: '甲', specialties: ['law'], active: false },
      { id: 'b', name: '乙', specialties: ['law'], conflicts: ['inst'] },
      { id: 'c', name: '丙', specialties: ['finance'] },
    ];
    const r = drawPanel({ pool, required: ['finance', 'law'], seed: 1, institutionId: 'inst' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.shortages).toEqual([{ specialty: 'law', inPool: 2, active: 1, conflicted: 1, recused: 0, onPanel: 0 }]);
    expect(r.message).toContain('法律：专家库中该专业共 2 人，在聘且在聘期内 1 人，其中因与申请机构存在利益冲突排除 1 人，无人可抽');
    expect(shortageText({ specialty: 'finance', inPool: 0, active: 0, conflicted: 0, recused: 0, onPanel: 0 })).toBe('财务：专家库中没有该专业人员，无人可抽');
    // a replacement that finds nobody counts the member standing down
    const ok = drawPanel({ pool: [...pool, { id: 'd', name: '丁', specialties: ['law'] }], required: ['law'], seed: 1, institutionId: 'inst' });
    if (!ok.ok) throw new Error(ok.message);
    expect(ok.draw.conflictsExcluded).toEqual([{ expertId: 'b', name: '乙' }]);
    const out = replaceMember(ok.draw, [...pool, { id: 'd', name: '丁', specialties: ['law'] }], 'd');
    expect(out).toMatchObject({ ok: false, shortages: [{ specialty: 'law', recused: 1, conflicted: 1 }] });
  });
});

describe('专家库导入计划 (吉医保规〔2023〕1号 第十五条)', () => {
  it('checks each row and names every problem: check digit, vocabulary, dates, term order', () => {
    const bad = id(1).slice(0, 17) + (id(1).endsWith('1') ? '2' : '1');
    const plan = planImport([
      raw(2, { idNumber: bad }), raw(3, { specialties: '中医' }), raw(4, { termTo: '2027-02-30' }), raw(5, { termTo: '2024-01-01' }),
    ], [], new Map());
    expect(plan.map((p) => p.kind)).toEqual(['rejected', 'rejected', 'rejected', 'rejected']);
    const msgs = plan.map((p) => (p.kind === 'rejected' ? p.message : ''));
    expect(msgs[0]).toContain('校验位');
    expect(msgs[1]).toContain('中医');
    expect(msgs[2]).toContain('聘期截止日期应为有效日期');
    expect(msgs[3]).toContain('不能早于');
  });

  it('a cell with a control or direction-changing character is refused like any request string', () => {
    const plan = planImport([raw(2, { name: '专家\u202E乙' }), raw(3, { employer: '某\u0007大学' })], [], new Map());
    expect(plan.map((p) => (p.kind === 'rejected' ? p.message : p.kind))).toEqual([
      expect.stringContaining('姓名含有改变文字方向的控制字符'), expect.stringContaining('工作单位含有不可见的控制字符'),
    ]);
  });

  it('duplicates inside the file reject every row involved; a username held by another account is refused', () => {
    const plan = planImport([raw(2), raw(3, { idNumber: id(2), termTo: 'x' }), raw(4, { username: 'taken' }), raw(5)], [], new Map([['taken', 'u-other']]));
    expect(plan.map((p) => p.kind)).toEqual(['rejected', 'rejected', 'rejected', 'create']);
    expect(plan[0]!.kind === 'rejected' && plan[0]!.message).toContain('与第3行重复');
    expect(plan[1]!.kind === 'rejected' && plan[1]!.message).toContain('与第2行重复');
    expect(plan[2]!.kind === 'rejected' && plan[2]!.message).toContain('已被占用');
  });

  it('the same 身份证号 is the same expert: unchanged when equal, updated when not; another name or a retired expert is refused', () => {
    const a = raw(2);
    const b = raw(3);
    const c = raw(4);
    const d = raw(5);
    const plan = planImport([a, { ...b, termTo: '2028-12-31' }, { ...c, name: '别人' }, d],
      [known(a), known(b), known(c), known(d, { status: 'retired' })], new Map([[known(a).username, 'u2']]));
    expect(plan.map((p) => p.kind)).toEqual(['unchanged', 'update', 'rejected', 'rejected']);
    expect(plan[2]!.kind === 'rejected' && plan[2]!.message).toContain('登记为「专家4」');
    expect(plan[3]!.kind === 'rejected' && plan[3]!.message).toContain('已解聘');
  });
});
