/**
 * Institution self-registration (issue #9): a medical institution, pharmacy, long-term-care home or
 * third-party service institution not yet in the registry registers on the public site; the agency
 * of its territory verifies it (the institution enters the registry and the account is activated)
 * or returns it with a reason (the applicant corrects and resubmits). Decision 0027.
 */
import { z } from 'zod';
import {
  INSTITUTION_KINDS, INSTITUTION_SUBTYPES, OWNERSHIPS, institutionKindLabel, ownershipLabel, subtypeKind,
} from '../registry/enums';
import { zEnum, zIdNumber, zPhone, zRegionCode, zText, zUscc } from '../validators/schemas';
import { idNumberProblem } from '../validators/id-number';
import type { SessionUser } from '../identity/roles';

export const REGISTRATION_STATUSES = ['pending', 'returned', 'verified', 'rejected'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];
export const registrationStatusLabel: Record<RegistrationStatus, string> = {
  pending: '待审核',
  returned: '已退回（待修改后重新提交）',
  verified: '已核实',
  rejected: '不予登记',
};
/** Statuses that hold the USCC (an open registration): a verified one is in the registry, a rejected one frees it. */
export const OPEN_REGISTRATION_STATUSES: readonly RegistrationStatus[] = ['pending', 'returned'];

/** Uploads: the business licence (营业执照) is required; the practice licence (执业许可证 / 药品经营许可证) when held. */
export const REGISTRATION_FILE_KINDS = ['business_licence', 'practice_licence'] as const;
export type RegistrationFileKind = (typeof REGISTRATION_FILE_KINDS)[number];
export const registrationFileLabel: Record<RegistrationFileKind, string> = {
  business_licence: '营业执照（或事业单位法人证书）',
  practice_licence: '执业许可证（医疗机构执业许可证、药品经营许可证等）',
};
export const REQUIRED_FILES: readonly RegistrationFileKind[] = ['business_licence'];

/** The one refusal for a USCC that is in the registry or in an open registration: never who holds it. */
export const USCC_TAKEN = '该统一社会信用代码已登记，请联系属地医保经办机构';
export const USERNAME_TAKEN = '该用户名已被使用，请换一个';

/** The registrant's institution and people (what the applicant may later correct). */
export const registrationDetails = z
  .object({
    uscc: zUscc(),
    name: zText('机构名称', 100),
    kind: zEnum(INSTITUTION_KINDS, '机构类别', institutionKindLabel),
    subtype: zEnum(INSTITUTION_SUBTYPES, '机构类型'),
    ownership: zEnum(OWNERSHIPS, '所有制形式', ownershipLabel),
    regionCode: zRegionCode('所在区县'),
    address: zText('机构地址', 200),
    legalRepName: zText('法定代表人姓名', 50),
    legalRepIdNumber: zIdNumber('法定代表人身份证号'),
    contactName: zText('联系人姓名', 50),
    contactPhone: zPhone('联系人电话'),
  })
  .refine((d) => subtypeKind[d.subtype] === d.kind, { error: '机构类型与机构类别不符', path: ['subtype'] });
export type RegistrationDetails = z.infer<typeof registrationDetails>;

export const USERNAME_PATTERN = /^[A-Za-z][A-Za-z0-9_.-]{3,31}$/;
export const registrationAccount = z.object({
  username: z
    .string({ error: '用户名为必填项' })
    .trim()
    .regex(USERNAME_PATTERN, { error: '用户名应为4至32位，以字母开头，只含字母、数字、下划线、点或连字符' }),
  password: z.string({ error: '密码为必填项' }).min(1, { error: '密码为必填项' }).max(256, { error: '密码不能超过256个字符' }),
});

/** The whole public form (the files travel as multipart parts beside it). */
export const registrationSubmission = z.object({
  details: registrationDetails,
  account: registrationAccount,
  challenge: z.object({
    id: z.uuid({ error: '人机验证标识格式错误，请刷新页面重试' }),
    nonce: z.string({ error: '请先完成人机验证' }).regex(/^\d{1,20}$/, { error: '人机验证答案格式错误' }),
  }, { error: '请先完成人机验证' }),
});
export type RegistrationSubmission = z.infer<typeof registrationSubmission>;

/** A legal representative born after today does not exist (the schema cannot know the injected clock). */
export function futureBirth(idNumber: string, today: string): boolean {
  return idNumberProblem(idNumber, today) === 'birth';
}

/**
 * An account whose registration is not verified yet: it belongs to the applicants' organisation
 * (kind institution, no institution) and holds no role. Such a session may only read and edit its
 * own registration; the session plugin refuses every other signed-in route (decision 0027).
 */
export function isPendingApplicant(user: Pick<SessionUser, 'orgKind' | 'institutionId' | 'roles'>): boolean {
  // no institution and no role: an institution-kind account that holds roles without an institution
  // (an older test fixture, a half-imported organisation) is not an applicant and is refused by its roles
  return user.orgKind === 'institution' && !user.institutionId && user.roles.length === 0;
}

/** Signed-in routes a pending applicant may call (patterns as registered). */
export const PENDING_APPLICANT_API: readonly RegExp[] = [
  /^\/api\/auth\/(me|logout)$/,
  /^\/api\/registrations\/mine(\/|$)/,
  /^\/api\/account\/password$/,
];

/** The agency whose queue a registration lands in: the county's, else the nearest above it (属地). */
export function nearestAgency<T extends { regionCode: string | null }>(regionCode: string, agencies: readonly T[]): T | null {
  const chain = [regionCode, `${regionCode.slice(0, 4)}00`, `${regionCode.slice(0, 2)}0000`];
  for (const code of chain) {
    const hit = agencies.find((a) => a.regionCode === code);
    if (hit) return hit;
  }
  return null;
}
