/**
 * What an agency enters for an expert (评估专家库, decision 0028): zod schemas whose messages name the
 * field in Chinese. The same field rules check each row of an Excel import (import-row.ts).
 */
import { z } from 'zod';
import { SPECIALTIES, specialtyLabel } from '../designation/panel';
import { zDate, zEnum, zIdNumber, zInt, zOptPhone, zText, zUscc } from '../validators/schemas';

export const EXPERT_FIELD_LABEL = {
  name: '姓名', idNumber: '身份证号', specialties: '专业', employer: '工作单位', employerUscc: '工作单位统一社会信用代码',
  phone: '联系电话', termFrom: '聘期起始日期', termTo: '聘期截止日期', username: '登录用户名',
} as const;

export const zUsername = (label = '登录用户名') =>
  z.string({ error: `${label}为必填项` }).trim().toLowerCase()
    .regex(/^[a-z][a-z0-9_.-]{2,39}$/, { error: `${label}应为3～40位小写字母、数字、下划线、点或连字符，以字母开头` });

export const expertFields = {
  name: zText(EXPERT_FIELD_LABEL.name, 50),
  idNumber: zIdNumber(EXPERT_FIELD_LABEL.idNumber),
  specialties: z.array(zEnum(SPECIALTIES, EXPERT_FIELD_LABEL.specialties, specialtyLabel), { error: '专业应为列表' })
    .min(1, { error: '至少选择一个专业' }).max(SPECIALTIES.length, { error: '专业不能重复' })
    .refine((xs) => new Set(xs).size === xs.length, { error: '专业不能重复' }),
  employer: zText(EXPERT_FIELD_LABEL.employer, 100),
  employerUscc: zUscc(EXPERT_FIELD_LABEL.employerUscc),
  phone: zOptPhone(EXPERT_FIELD_LABEL.phone),
  termFrom: zDate(EXPERT_FIELD_LABEL.termFrom),
  termTo: zDate(EXPERT_FIELD_LABEL.termTo),
};

const termOrder = { error: '聘期截止日期不能早于聘期起始日期', path: ['termTo'] };

export const createExpertInput = z.object({ ...expertFields, username: zUsername() })
  .refine((v) => v.termTo >= v.termFrom, termOrder);
export type CreateExpertInput = z.infer<typeof createExpertInput>;

export const updateExpertInput = z.object({ ...expertFields, version: zInt('版本号', 1, 2_147_483_647) })
  .refine((v) => v.termTo >= v.termFrom, termOrder);
export type UpdateExpertInput = z.infer<typeof updateExpertInput>;
