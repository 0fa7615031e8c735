import { describe, expect, it } from 'vitest';
import { POOL } from './fixtures';
import { drawPanel, newSeed, replaceMember, replayPanel, type Expert } from './panel';
import { mulberry32 } from '../random';
import { JILIN, YUNNAN, panelSpecialtiesFor } from './profiles';

const required = panelSpecialtiesFor(YUNNAN, 'medical');
const input = { pool: POOL, required, seed: 20250303, institutionId: 'inst-1' };

describe('evaluation panel draw', () => {
  it('mulberry32 is the published algorithm (pinned outputs) and newSeed gives a uint32', () => {
    const r = mulberry32(1);
    // 0.6270739405881613 is the widely quoted first output of mulberry32(1)
    expect(r()).toBe(0.6270739405881613);
    expect([r(), r()].map((x) => Math.floor(x * 1e9))).toEqual([2735721, 527447039]);
    expect(newSeed(() => 0.999999999)).toBeLessThan(2 ** 32);
  });

  it('云医保〔2022〕6号 第十一条: the panel covers 医疗保障、医药卫生、信息技术、法律、财务 with five different people', () => {
    const r = drawPanel(input);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.draw.members.map((m) => m.specialty)).toEqual(required);
    expect(new Set(r.draw.members.map((m) => m.expertId)).size).toBe(5);
    for (const m of r.draw.members) expect(POOL.find((e) => e.id === m.expertId)!.specialties).toContain(m.specialty);
  });

  it('吉医保规〔2023〕1号 第十五条: an LTC panel draws an 养老护理 expert', () => {
    const r = drawPanel({ ...input, required: panelSpecialtiesFor(JILIN, 'ltc') });
    expect(r.ok && r.draw.members.some((m) => m.specialty === 'elderly_care')).toBe(true);
  });

  it('the same seed gives the same panel, whatever the order of the pool', () => {
    const a = drawPanel(input);
    const b = drawPanel({ ...input, pool: [...POOL].reverse() });
    expect(b).toEqual(a);
    const seeds = new Set(Array.from({ length: 20 }, (_, i) => JSON.stringify(drawPanel({ ...input, seed: i }))));
    expect(seeds.size).toBeGreaterThan(1);
  });

  it('experts who declared a conflict with the institution beforehand are never drawn', () => {
    const pool: Expert[] = POOL.map((e) => (e.specialties[0] === 'law' && e.id !== 'e-law-3' ? { ...e, conflicts: ['inst-1'] } : e));
    for (let seed = 0; seed < 30; seed++) {
      const r = drawPanel({ ...input, pool, seed });
      expect(r.ok && r.draw.members.find((m) => m.specialty === 'law')!.expertId).toBe('e-law-3');
    }
  });

  it('a drawn member who declares a conflict is replaced from the same specialty; the others stay; replay reproduces it', () => {
    const r = drawPanel(input);
    if (!r.ok) throw new Error(r.message);
    const out = r.draw.members[2]!;
    const s = replaceMember(r.draw, POOL, out.expertId);
    if (!s.ok) throw new Error(s.message);
    expect(s.draw.members.filter((_, i) => i !== 2)).toEqual(r.draw.members.filter((_, i) => i !== 2));
    expect(s.draw.members[2]!.specialty).toBe(out.specialty);
    expect(s.draw.members[2]!.expertId).not.toBe(out.expertId);
    expect(s.draw.replacements).toEqual([{ out: out.expertId, in: s.draw.members[2]!.expertId, specialty: out.specialty, slot: 2 }]);
    expect(replayPanel(input, [out.expertId])).toEqual(s);
  });

  it('no eligible expert left → a Chinese message naming the specialty', () => {
    const pool = POOL.filter((e) => !e.specialties.includes('law'));
    const r = drawPanel({ ...input, pool });
    expect(r).toMatchObject({ ok: false, missing: ['law'] });
    expect(!r.ok && r.message).toContain('法律');
    const ok = drawPanel(input);
    if (!ok.ok) throw new Error();
    const lawId = ok.draw.members.find((m) => m.specialty === 'law')!.expertId;
    let d = ok.draw;
    const others = POOL.filter((e) => e.specialties.includes('law') && e.id !== lawId).map((e) => e.id);
    let cur = lawId;
    for (let i = 0; i < others.length; i++) {
      const next = replaceMember(d, POOL, cur);
      if (!next.ok) throw new Error(next.message);
      d = next.draw;
      cur = d.members.find((m) => m.specialty === 'law')!.expertId;
    }
    expect(replaceMember(d, POOL, cur)).toMatchObject({ ok: false, missing: ['law'] });
  });
});
