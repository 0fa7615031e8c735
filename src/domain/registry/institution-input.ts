import { z } from 'zod';
import {
  INSTITUTION_KINDS, INSTITUTION_SUBTYPES, OWNERSHIPS, HOSPITAL_LEVELS, GRADES, ADMIN_LEVELS, INSTITUTION_STATUSES,
  PARENT_RELATIONS, PERSON_ROLES, LICENCE_KINDS, PAYMENT_CATEGORIES, INSURANCE_SCHEMES,
  institutionKindLabel, ownershipLabel, hospitalLevelLabel, gradeLabel, adminLevelLabel, institutionStatusLabel,
  parentRelationLabel, personRoleLabel, licenceKindLabel,
} from './enums';
import { idNumberProblem } from '../validators/id-number';
import { PRACTICE_SCOPES, practiceScopeLabel } from './practice-scope';
import { zDate, zEnum, zIdNumber, zInt, zOptPhone, zOptText, zRegionCode, zText, zUscc, zUuid, zYbCode } from '../validators/schemas';

/**
 * What a caller may send to create or change a registry entry. Every message names the
 * field in Chinese; the route answers 400 with it as it is.
 */
export const personLinkInput = z.object({
  idNumber: zIdNumber(),
  name: zText('姓名', 50),
  phone: zOptPhone('人员联系电话'),
  role: zEnum(PERSON_ROLES, '人员角色', personRoleLabel),
  fromDate: zDate('任职起始日期').optional(),
});
export type PersonLinkInput = z.infer<typeof personLinkInput>;

export const licenceInput = z
  .object({
    id: zUuid('证照ID').optional(),
    kind: zEnum(LICENCE_KINDS, '证照类型', licenceKindLabel),
    number: zText('证照编号', 60),
    issuedBy: zOptText('发证机关', 100),
    validFrom: zDate('证照有效期起'),
    validTo: zDate('证照有效期止').nullish().transform((v) => v ?? null),
  })
  .refine((l) => !l.validTo || l.validTo >= l.validFrom, { error: '证照有效期止不能早于有效期起', path: ['validTo'] });
export type LicenceInput = z.infer<typeof licenceInput>;

export const siteInput = z.object({
  id: zUuid('执业地点ID').optional(),
  name: zText('执业地点名称', 100),
  address: zText('执业地点地址', 200),
  regionCode: zRegionCode('执业地点区划'),
  approved: z.boolean({ error: '执业地点评估结果应为是/否' }).nullish().transform((v) => v ?? null),
});
export type SiteInput = z.infer<typeof siteInput>;

const shape = {
  name: zText('机构名称', 100),
  uscc: zUscc(),
  ybCode: zYbCode().nullish().transform((v) => v ?? null),
  kind: zEnum(INSTITUTION_KINDS, '机构类别', institutionKindLabel),
  subtype: zEnum(INSTITUTION_SUBTYPES, '机构类型'),
  ownership: zEnum(OWNERSHIPS, '所有制形式', ownershipLabel),
  hospitalLevel: zEnum(HOSPITAL_LEVELS, '医院等级', hospitalLevelLabel),
  grade: zEnum(GRADES, '医院等次', gradeLabel),
  adminLevel: zEnum(ADMIN_LEVELS, '隶属级别', adminLevelLabel),
  beds: zInt('床位数', 0, 20000),
  regionCode: zRegionCode(),
  address: zText('地址', 200),
  phone: zOptPhone('联系电话'),
  servicePhone: zOptPhone('服务电话'),
  status: zEnum(INSTITUTION_STATUSES, '机构状态', institutionStatusLabel),
  parentId: zUuid('上级机构').nullish().transform((v) => v ?? null),
  parentRelation: zEnum(PARENT_RELATIONS, '与上级机构关系', parentRelationLabel).nullish().transform((v) => v ?? null),
  dualChannel: z.boolean({ error: '双通道药店标识应为是/否' }),
  paymentCategories: z.array(zEnum(PAYMENT_CATEGORIES, '医保支付类别'), { error: '医保支付类别应为列表' }).max(PAYMENT_CATEGORIES.length, { error: '医保支付类别过多' }),
  insuranceSchemes: z.array(zEnum(INSURANCE_SCHEMES, '险种'), { error: '险种应为列表' }).max(INSURANCE_SCHEMES.length, { error: '险种过多' }),
  openedOn: zDate('正式运营日期').nullish().transform((v) => v ?? null),
  designatedOn: zDate('定点日期').nullish().transform((v) => v ?? null),
  /** 主要执业范围（经营范围）: null = not recorded (京医保发〔2021〕30号 第十二条(一) then cannot be judged) */
  mainScope: z.array(zEnum(PRACTICE_SCOPES, '主要执业范围', practiceScopeLabel), { error: '主要执业范围应为列表' })
    .max(PRACTICE_SCOPES.length, { error: '主要执业范围过多' })
    .refine((xs) => new Set(xs).size === xs.length, { error: '主要执业范围不能重复' })
    .nullish().transform((v) => v ?? null),
  persons: z.array(personLinkInput, { error: '人员应为列表' }).max(20, { error: '人员最多20名' }),
  licences: z.array(licenceInput, { error: '证照应为列表' }).max(30, { error: '证照最多30项' }),
  sites: z.array(siteInput, { error: '执业地点应为列表' }).max(50, { error: '执业地点最多50处' }),
};

export const createInstitutionInput = z.object({
  ...shape,
  hospitalLevel: shape.hospitalLevel.default('unrated'),
  grade: shape.grade.default('none'),
  adminLevel: shape.adminLevel.default('county'),
  beds: shape.beds.default(0),
  status: shape.status.default('applicant'),
  phone: shape.phone.default(null),
  servicePhone: shape.servicePhone.default(null),
  dualChannel: shape.dualChannel.default(false),
  paymentCategories: shape.paymentCategories.default([]),
  insuranceSchemes: shape.insuranceSchemes.default([]),
  persons: shape.persons.default([]),
  licences: shape.licences.default([]),
  sites: shape.sites.default([]),
});
export type CreateInstitutionInput = z.infer<typeof createInstitutionInput>;

/** A change: the version the caller saw, and any fields; lists given are replaced as a whole. */
export const updateInstitutionInput = z.object(shape).partial().extend({ version: zInt('版本号', 1, 2_000_000_000) });
export type UpdateInstitutionInput = z.infer<typeof updateInstitutionInput>;

/** The institution's own columns after a create or a merged update (lists excluded). */
export type InstitutionCore = Omit<CreateInstitutionInput, 'persons' | 'licences' | 'sites'>;

/**
 * A person's 身份证号 whose birth date lies after `today` (China date) is refused: the schema above
 * checks the number's shape and check character, but only the caller knows the injected clock.
 */
export function futureBirthProblem(persons: readonly { idNumber: string }[] | undefined, today: string): { field: string; message: string } | null {
  const i = (persons ?? []).findIndex((p) => idNumberProblem(p.idNumber, today) === 'birth');
  return i < 0 ? null : { field: `body.persons.${i}.idNumber`, message: `字段 body.persons.${i}.idNumber：身份证号中的出生日期晚于今天` };
}
