import { z } from 'zod';
import { usccProblem, usccMessage } from './uscc';
import { idNumberProblem, idNumberMessage, isValidDate } from './id-number';
import { isValidPhone, isValidYbCode, isRegionCodeShape } from './codes';

/**
 * zod building blocks whose messages name the field in Chinese, so that a 400 answer
 * can be shown to the user as it is ('统一社会信用代码校验位错误', '机构名称不能超过100个字符').
 */
const typeError = (label: string, what = '文本') => (iss: { input?: unknown }) =>
  iss.input === undefined || iss.input === null ? `${label}为必填项` : `${label}应为${what}`;

/** Trimmed text, 1..max characters. */
export const zText = (label: string, max: number) =>
  z
    .string({ error: typeError(label) })
    .trim()
    .min(1, { error: `${label}不能为空` })
    .max(max, { error: `${label}不能超过${max}个字符` });

/** Optional text: '' and null become null. */
export const zOptText = (label: string, max: number) =>
  z
    .string({ error: typeError(label) })
    .trim()
    .max(max, { error: `${label}不能超过${max}个字符` })
    .nullish()
    .transform((v) => (v ? v : null));

export const zUscc = (label = '统一社会信用代码') =>
  z
    .string({ error: typeError(label) })
    .trim()
    .toUpperCase()
    .superRefine((v, ctx) => {
      const p = usccProblem(v);
      if (p) ctx.addIssue({ code: 'custom', message: label === '统一社会信用代码' ? usccMessage[p] : `${label}：${usccMessage[p]}` });
    });

export const zIdNumber = (label = '身份证号') =>
  z
    .string({ error: typeError(label) })
    .trim()
    .toUpperCase()
    .superRefine((v, ctx) => {
      const p = idNumberProblem(v);
      if (p) ctx.addIssue({ code: 'custom', message: label === '身份证号' ? idNumberMessage[p] : `${label}：${idNumberMessage[p]}` });
    });

export const zYbCode = (label = '医保机构编码') =>
  z
    .string({ error: typeError(label) })
    .trim()
    .toUpperCase()
    .refine(isValidYbCode, { error: `${label}格式错误（H/P + 6位医保区划 + 5位顺序号，如 H53010200001）` });

export const zPhone = (label = '联系电话') =>
  z
    .string({ error: typeError(label) })
    .trim()
    .max(30, { error: `${label}过长` })
    .refine(isValidPhone, { error: `${label}格式错误（手机号或带区号的固定电话）` });

export const zOptPhone = (label = '联系电话') =>
  z
    .union([zPhone(label), z.literal('')], { error: `${label}格式错误（手机号或带区号的固定电话）` })
    .nullish()
    .transform((v) => (v ? v : null));

/** A calendar date 'YYYY-MM-DD' that exists ('2025-13-01' and '2025-02-30' do not). */
export const zDate = (label: string) =>
  z
    .string({ error: typeError(label, '日期') })
    .refine((v) => isValidDate(v), { error: `${label}应为有效日期（YYYY-MM-DD）` });

export const zRegionCode = (label = '所在区划') =>
  z.string({ error: typeError(label, '6位区划代码') }).refine(isRegionCodeShape, { error: `${label}应为6位区划代码` });

/** One of `values`; the message lists the Chinese labels when given. */
export function zEnum<const T extends readonly [string, ...string[]]>(values: T, label: string, labels?: Record<T[number], string>) {
  const choices = labels ? `：${values.map((v) => labels[v as T[number]]).join('、')}` : '';
  return z.enum(values, { error: `${label}取值无效${choices.length > 80 ? '' : choices}` });
}

export const zUuid = (label: string) => z.uuid({ error: `${label}格式错误` });

export const zInt = (label: string, min: number, max: number) =>
  z
    .number({ error: typeError(label, '整数') })
    .int({ error: `${label}应为整数` })
    .min(min, { error: `${label}不能小于${min}` })
    .max(max, { error: `${label}不能大于${max}` });
