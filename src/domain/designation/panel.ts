/**
 * Drawing an evaluation panel (评估小组) at random from the expert pool so that every required
 * specialty is covered (云医保〔2022〕6号 第十一条; 京医保发〔2021〕30号 第九条; 吉医保规〔2023〕1号 第十五条),
 * excluding declared conflicts of interest, reproducible from a recorded seed.
 *
 * PRNG: mulberry32 (Tommy Ettinger's 32-bit generator, public domain): one uint32 of state, a
 * period of 2^32, good enough spread for picking from lists of a few hundred names, and five lines
 * that anyone can re-implement to check a draw. It is not cryptographic — the seed is recorded and
 * published with the draw, so the draw is auditable rather than secret.
 *
 * Reproducibility: candidates are sorted by expert id before picking, so the order of the pool
 * does not matter; slot k uses its own stream seeded from (seed, k), and the r-th replacement uses
 * the stream (seed, 1000 + r), so replacing one member never changes the others.
 */
import { mulberry32 } from '../random';


export const SPECIALTIES = [
  'medical_insurance', 'medicine_health', 'information_technology', 'law', 'finance', 'elderly_care',
] as const;
export type Specialty = (typeof SPECIALTIES)[number];
export const specialtyLabel: Record<Specialty, string> = {
  medical_insurance: '医疗保障',
  medicine_health: '医药卫生',
  information_technology: '信息技术',
  law: '法律',
  finance: '财务',
  elderly_care: '养老护理',
};

export interface Expert {
  id: string;
  name: string;
  specialties: Specialty[];
  /** institution ids the expert declared a conflict of interest with beforehand */
  conflicts?: string[];
  /** false: not drawable on the draw date (suspended, retired, outside the term of appointment, account off) */
  active?: boolean;
}

export interface PanelMember {
  expertId: string;
  name: string;
  specialty: Specialty;
  slot: number;
}

export interface PanelDraw {
  seed: number;
  institutionId: string;
  members: PanelMember[];
  /** members who stood down after being drawn (回避), in order, with who replaced them and why */
  replacements: PanelReplacement[];
  /**
   * Experts of a required specialty left out for a conflict of interest with the applicant (their
   * employer is the applicant, or they declared it beforehand), logged with the draw; absent when none.
   */
  conflictsExcluded?: { expertId: string; name: string }[];
}

/** Why a specialty could not be covered: the pool's numbers for it at the draw (or replacement). */
export interface Shortage {
  specialty: Specialty;
  /** experts of the pool with this specialty */
  inPool: number;
  /** of them: active and within their term on the date */
  active: number;
  /** of the active: excluded for a conflict of interest with the applicant */
  conflicted: number;
  /** of the active: stood down from this panel (回避) */
  recused: number;
  /** of the active: already sitting on this panel for another specialty */
  onPanel: number;
}

export interface PanelReplacement {
  out: string;
  in: string;
  specialty: Specialty;
  slot: number;
  /** the recorded recusal (absent on draws stored before recusal was a step) */
  recusal?: { on: string; declaredBy: 'expert' | 'officer'; reason: string; recordedBy: string };
}

export type DrawResult =
  | { ok: true; draw: PanelDraw }
  | { ok: false; missing: Specialty[]; message: string; shortages?: Shortage[] };


/** A sub-stream for slot k: the seed mixed with k by the golden-ratio constant. */
export function substream(seed: number, k: number): () => number {
  return mulberry32((seed ^ Math.imul(k + 1, 0x9e3779b9)) >>> 0);
}

/** A fresh seed for a new draw (the caller records it); injectable for tests. */
export function newSeed(random: () => number = Math.random): number {
  return Math.floor(random() * 4294967296) >>> 0;
}

function eligible(pool: readonly Expert[], specialty: Specialty, institutionId: string, taken: ReadonlySet<string>): Expert[] {
  return pool
    .filter((e) => e.active !== false && e.specialties.includes(specialty) && !taken.has(e.id)
      && !(e.conflicts ?? []).includes(institutionId))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function pick<T>(list: readonly T[], rng: () => number): T {
  return list[Math.floor(rng() * list.length)]!;
}

/** The pool's numbers for one specialty that could not be covered. */
export function shortageOf(pool: readonly Expert[], specialty: Specialty, institutionId: string, onPanel: ReadonlySet<string>, stoodDown: ReadonlySet<string>): Shortage {
  const withSpecialty = pool.filter((e) => e.specialties.includes(specialty));
  const active = withSpecialty.filter((e) => e.active !== false);
  const conflicted = active.filter((e) => (e.conflicts ?? []).includes(institutionId));
  const rest = active.filter((e) => !(e.conflicts ?? []).includes(institutionId));
  return {
    specialty, inPool: withSpecialty.length, active: active.length, conflicted: conflicted.length,
    recused: rest.filter((e) => stoodDown.has(e.id)).length,
    onPanel: rest.filter((e) => !stoodDown.has(e.id) && onPanel.has(e.id)).length,
  };
}

/** '法律：专家库中该专业共 3 人，在聘且在任期内 2 人（利益冲突排除 1 人、已回避 1 人），无人可抽' */
export function shortageText(s: Shortage): string {
  const parts = [
    s.conflicted ? `因与申请机构存在利益冲突排除 ${s.conflicted} 人` : '',
    s.recused ? `已回避 ${s.recused} 人` : '',
    s.onPanel ? `已在本小组承担其他专业 ${s.onPanel} 人` : '',
  ].filter(Boolean);
  const head = s.inPool === 0 ? `${specialtyLabel[s.specialty]}：专家库中没有该专业人员`
    : `${specialtyLabel[s.specialty]}：专家库中该专业共 ${s.inPool} 人，在聘且在聘期内 ${s.active} 人`;
  return `${head}${parts.length ? `，其中${parts.join('、')}` : ''}，无人可抽`;
}

const missingMessage = (shortages: Shortage[]) =>
  `专家库中可抽取的${shortages.map((s) => specialtyLabel[s.specialty]).join('、')}专业人员不足，无法组成评估小组（${shortages.map(shortageText).join('；')}）`;

/**
 * Draw one member per required specialty (in the order given), each a different person.
 * The required list comes from the profile (see profiles.ts, panelSpecialties).
 */
export function drawPanel(input: { pool: readonly Expert[]; required: readonly Specialty[]; seed: number; institutionId: string }): DrawResult {
  const seed = input.seed >>> 0;
  const taken = new Set<string>();
  const members: PanelMember[] = [];
  const missing: Specialty[] = [];
  input.required.forEach((specialty, slot) => {
    const candidates = eligible(input.pool, specialty, input.institutionId, taken);
    if (candidates.length === 0) return void missing.push(specialty);
    const e = pick(candidates, substream(seed, slot));
    taken.add(e.id);
    members.push({ expertId: e.id, name: e.name, specialty, slot });
  });
  if (missing.length) {
    const onPanel = new Set(members.map((m) => m.expertId));
    const shortages = missing.map((s) => shortageOf(input.pool, s, input.institutionId, onPanel, new Set()));
    return { ok: false, missing, message: missingMessage(shortages), shortages };
  }
  const conflictsExcluded = input.pool
    .filter((e) => e.active !== false && (e.conflicts ?? []).includes(input.institutionId) && e.specialties.some((s) => input.required.includes(s)))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((e) => ({ expertId: e.id, name: e.name }));
  return { ok: true, draw: { seed, institutionId: input.institutionId, members, replacements: [], ...(conflictsExcluded.length ? { conflictsExcluded } : {}) } };
}

/**
 * A drawn member declares a conflict (回避): draw a replacement of the same specialty from the
 * stream for this replacement, excluding everyone on the panel and everyone who already stood down.
 */
export function replaceMember(draw: PanelDraw, pool: readonly Expert[], expertId: string): DrawResult {
  const out = draw.members.find((m) => m.expertId === expertId);
  if (!out) return { ok: false, missing: [], message: '该专家不是本评估小组成员' };
  const taken = new Set([...draw.members.map((m) => m.expertId), ...draw.replacements.map((r) => r.out)]);
  const candidates = eligible(pool, out.specialty, draw.institutionId, taken);
  if (candidates.length === 0) {
    const stoodDown = new Set([...draw.replacements.map((r) => r.out), expertId]);
    const shortages = [shortageOf(pool, out.specialty, draw.institutionId, new Set(draw.members.map((m) => m.expertId).filter((id) => id !== expertId)), stoodDown)];
    return { ok: false, missing: [out.specialty], message: missingMessage(shortages), shortages };
  }
  const e = pick(candidates, substream(draw.seed, 1000 + draw.replacements.length));
  return {
    ok: true,
    draw: {
      ...draw,
      members: draw.members.map((m) => (m.expertId === expertId ? { expertId: e.id, name: e.name, specialty: m.specialty, slot: m.slot } : m)),
      replacements: [...draw.replacements, { out: expertId, in: e.id, specialty: out.specialty, slot: out.slot }],
    },
  };
}

/** Re-run a recorded draw: the seed plus the ordered list of members who stood down give the same panel. */
export function replayPanel(input: Parameters<typeof drawPanel>[0], stoodDown: readonly string[]): DrawResult {
  let result = drawPanel(input);
  for (const id of stoodDown) {
    if (!result.ok) return result;
    result = replaceMember(result.draw, input.pool, id);
  }
  return result;
}
