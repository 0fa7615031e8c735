/**
 * 评估专家库 (吉医保规〔2023〕1号 第十五条; 云医保〔2022〕6号 第十一条): the expert's statuses, when an
 * expert may be drawn, and the vocabulary of specialties as people write it (Chinese labels).
 * Pure: no I/O.
 */
import { SPECIALTIES, specialtyLabel, type Specialty } from '../designation/panel';

export const EXPERT_STATUSES = ['active', 'suspended', 'retired'] as const;
export type ExpertStatus = (typeof EXPERT_STATUSES)[number];
export const expertStatusLabel: Record<ExpertStatus, string> = { active: '在聘', suspended: '暂停', retired: '解聘' };

/** Status changes an agency may make: a retired expert stays retired (a new appointment is a new entry). */
export const STATUS_MOVES: Record<ExpertStatus, readonly ExpertStatus[]> = {
  active: ['suspended', 'retired'],
  suspended: ['active', 'retired'],
  retired: [],
};

export interface DrawableFacts {
  status: ExpertStatus;
  termFrom: string;
  termTo: string | null;
  accountActive: boolean;
}

/** Why an expert cannot be drawn on `date` ('YYYY-MM-DD'), or null when they can. */
export function notDrawableReason(e: DrawableFacts, date: string): string | null {
  if (e.status !== 'active') return `专家状态为${expertStatusLabel[e.status]}`;
  if (!e.accountActive) return '专家账号已停用';
  if (date < e.termFrom) return `聘期自 ${e.termFrom} 起，尚未开始`;
  if (e.termTo !== null && date > e.termTo) return `聘期已于 ${e.termTo} 届满`;
  return null;
}

const byLabel = new Map<string, Specialty>(SPECIALTIES.map((s) => [specialtyLabel[s], s]));

/**
 * '医疗保障、法律' (or separated by ，,;；/ or spaces; ids accepted too) → ids, or the words that are
 * not in the vocabulary.
 */
export function parseSpecialties(text: string): { ok: true; value: Specialty[] } | { ok: false; unknown: string[] } {
  const words = text.split(/[、,，;；/\s]+/).map((w) => w.trim()).filter(Boolean);
  const unknown: string[] = [];
  const value: Specialty[] = [];
  for (const w of words) {
    const s = byLabel.get(w) ?? ((SPECIALTIES as readonly string[]).includes(w) ? (w as Specialty) : undefined);
    if (!s) unknown.push(w);
    else if (!value.includes(s)) value.push(s);
  }
  return unknown.length ? { ok: false, unknown } : { ok: true, value };
}

export const specialtyVocabulary = (): string => SPECIALTIES.map((s) => specialtyLabel[s]).join('、');

/** A username for an expert's account when none is given: 'expert_' + the last 6 of the 身份证号, lower case. */
export const defaultExpertUsername = (idNumber: string): string => `expert_${idNumber.slice(-6).toLowerCase()}`;
