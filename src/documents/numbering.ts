/**
 * Document numbers (发文字号) in the GB/T 9704 shape: 机关代字 + 〔年份〕 + 序号 + 号,
 * e.g. '昆医保定受〔2025〕12号'. Years sit in hexagonal brackets 〔〕, the serial has no
 * leading zeros and no '第'.
 */
import { AppError } from '../domain/errors';
import type { DocumentKind } from './model';

/** 机关代字 from the agency's region: 云南省 → 云医保, 昆明市 → 昆医保, 五华区 → 五华医保 (ADR 0009). */
export function agencyShort(regionName: string | null, level: string): string {
  const name = (regionName ?? '').replace(/(省|市|自治区|自治州|地区|盟|区|县|旗|特别行政区|壮族|回族|维吾尔)+$/u, '');
  const n = level === 'county' ? 2 : 1;
  return `${[...name].slice(0, n).join('') || '医'}医保`;
}

/** Default type codes appended to the agency's short name; a profile may set its own. */
export const DEFAULT_TYPE_CODE: Record<DocumentKind, string> = {
  acceptance_notice: '定受',
  supplement_notice: '定补',
  refusal_decision: '定不受',
  evaluation_result: '定评',
  evaluation_minutes: '定纪',
  publicity: '定公',
  agreement: '协',
  /** the agreement notices take their own codes per notice (协中, 协恢, 协解, 协终; src/agreement-lifecycle/binding.ts) */
  agreement_notice: '协通',
  change_confirmation: '变',
  settlement_notice: '暂结',
};

export interface DocumentNumberParts {
  /** 机关代字 of the agency, e.g. '昆医保'. */
  agencyShort: string;
  /** Type code, e.g. '定受'. */
  typeCode: string;
  year: number;
  /** 1-based serial within agency, type and year. */
  serial: number;
}

export function formatDocumentNumber(p: DocumentNumberParts): string {
  const agency = p.agencyShort.trim();
  const code = p.typeCode.trim();
  if (!agency) throw new AppError('INVALID_INPUT', '机关代字不能为空', { field: 'agencyShort' });
  if (/[〔〕\s]/.test(agency + code)) {
    throw new AppError('INVALID_INPUT', '机关代字和类型代码不能含有〔〕或空格', { field: 'typeCode' });
  }
  if (!Number.isInteger(p.year) || p.year < 1949 || p.year > 9999) {
    throw new AppError('INVALID_INPUT', `年份不正确：${p.year}`, { field: 'year' });
  }
  if (!Number.isInteger(p.serial) || p.serial < 1) {
    throw new AppError('INVALID_INPUT', `序号应为正整数：${p.serial}`, { field: 'serial' });
  }
  return `${agency}${code}〔${p.year}〕${p.serial}号`;
}

const NUMBER_RE = /^(.+)〔(\d{4})〕([1-9]\d*)号$/;

/** Splits a number back into its prefix (代字 + type code), year and serial; null if it is not one. */
export function parseDocumentNumber(number: string): { prefix: string; year: number; serial: number } | null {
  const m = NUMBER_RE.exec(number.trim());
  if (!m) return null;
  return { prefix: m[1]!, year: Number(m[2]), serial: Number(m[3]) };
}
