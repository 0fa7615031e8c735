/** The plain data about the two sides that every builder takes. */
import { AppError } from '../domain/errors';
import type { SignatureBlock } from './model';

export interface Agency {
  /** Full name, e.g. '昆明市医疗保障事业管理中心'. */
  name: string;
  address?: string;
  phone?: string;
}

export interface Institution {
  name: string;
  /** 统一社会信用代码. */
  uscc?: string;
  address?: string;
  legalRepresentative?: string;
}

/** The issuing agency's line at the foot of a notice (seal and date). */
export function issuerBlock(agency: Agency, date: string): SignatureBlock {
  return { label: '（盖章）', org: agency.name, date };
}

export function requireText(value: string | undefined, field: string, label: string): string {
  const t = value?.trim();
  if (!t) throw new AppError('INVALID_INPUT', `${label}不能为空`, { field });
  return t;
}

/** '（申请编号：X）' or '' — used inside a sentence. */
export function applicationRef(applicationNo: string | undefined): string {
  return applicationNo ? `（申请编号：${applicationNo}）` : '';
}
