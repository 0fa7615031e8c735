/**
 * What an institution may change, and which changes are 重大信息变更 under each profile (as data
 * with citations, never `if (region)`): 云医保〔2022〕6号 第二十八条, 京医保发〔2021〕30号 第四十条 and
 * 吉医保规〔2023〕1号 第二十五条 list the same major fields; only Jilin's list has the pharmacy's
 * 药品经营范围. Whatever is not on the profile's list is a general change (书面告知).
 */
import { BJ, JL, YN, natUnlocated, type Cite } from '../designation/cite';
import type { PersonRole } from '../registry/enums';

export const CHANGE_FIELDS = [
  'name', 'legal_rep', 'principal', 'controller', 'address', 'bank_account', 'practice_scope', 'scale', 'nature', 'level', 'category',
  'drug_scope', 'phone', 'service_phone',
] as const;
export type ChangeField = (typeof CHANGE_FIELDS)[number];

export const changeFieldLabel: Record<ChangeField, string> = {
  name: '名称', legal_rep: '法定代表人', principal: '主要负责人', controller: '实际控制人', address: '注册地址', bank_account: '银行账户',
  practice_scope: '诊疗科目', scale: '机构规模（床位数）', nature: '机构性质', level: '等级', category: '类别', drug_scope: '药品经营范围',
  phone: '联系电话', service_phone: '服务电话',
};

/** The person fields: re-linked by 身份证号 so that bans keep following the person (decision 0024). */
export const PERSON_FIELD_ROLE: Partial<Record<ChangeField, PersonRole>> = { legal_rep: 'legal_rep', principal: 'principal', controller: 'controller' };

const COMMON_MAJOR: readonly ChangeField[] = [
  'name', 'legal_rep', 'principal', 'controller', 'address', 'bank_account', 'practice_scope', 'scale', 'nature', 'level', 'category',
];

export interface Cited<T> {
  value: T;
  cites: readonly Cite[];
}

/** The change-request rules of one profile. */
export interface ChangeProfile {
  profileId: string;
  /** 重大信息: filed within `filingWorkdays` 工作日 of the authority's approval */
  majorFields: Cited<readonly ChangeField[]>;
  filingWorkdays: Cited<number>;
  /** the agency's handling limit in 工作日 (a deadline row); null = none set by the text */
  handlingWorkdays: Cited<number | null>;
  /** 京医保发〔2021〕30号 第四十条: the district agency passes the request to the city agency, which decides */
  forwardToCity: Cited<boolean>;
  /** 云医保〔2022〕6号 第二十八条: a general change is also maintained on the 贯标动态平台 (a to-do the officer ticks off) */
  generalTodo: Cited<string | null>;
  /**
   * 吉医保规〔2023〕1号 第二十五条第二款: agencies of the same city recognise each other's approved major
   * changes; pairs of region-code prefixes (省本级 PP9900 ↔ 长春市 2201, 延边州本级 222499 ↔ 延吉市 222401)
   */
  mutualRecognition: Cited<readonly { a: string; aLabel: string; b: string; bLabel: string }[]>;
  /** 同款: a change that would collide with an existing national code in the same city is refused */
  nationalCodeCollision: Cited<boolean>;
}

const natU = (text: string): Cite => natUnlocated(text);

export const NATIONAL_CHANGES: ChangeProfile = {
  profileId: 'national',
  majorFields: { value: COMMON_MAJOR, cites: [natU('重大信息变更')] },
  filingWorkdays: { value: 30, cites: [natU('自有关部门批准之日起30个工作日内向经办机构提出变更申请')] },
  handlingWorkdays: { value: null, cites: [] },
  forwardToCity: { value: false, cites: [] },
  generalTodo: { value: null, cites: [] },
  mutualRecognition: { value: [], cites: [] },
  nationalCodeCollision: { value: false, cites: [] },
};

export const YUNNAN_CHANGES: ChangeProfile = {
  ...NATIONAL_CHANGES,
  profileId: 'yunnan',
  majorFields: { value: COMMON_MAJOR, cites: [{ doc: YN, article: 28 }] },
  filingWorkdays: { value: 30, cites: [{ doc: YN, article: 28 }] },
  handlingWorkdays: { value: 7, cites: [{ doc: YN, article: 28, clause: 2 }] },
  generalTodo: { value: '贯标动态平台维护', cites: [{ doc: YN, article: 28 }] },
};

export const BEIJING_CHANGES: ChangeProfile = {
  ...NATIONAL_CHANGES,
  profileId: 'beijing',
  majorFields: { value: COMMON_MAJOR, cites: [{ doc: BJ, article: 40 }] },
  filingWorkdays: { value: 30, cites: [{ doc: BJ, article: 40 }] },
  forwardToCity: { value: true, cites: [{ doc: BJ, article: 40 }] },
};

export const JILIN_CHANGES: ChangeProfile = {
  ...NATIONAL_CHANGES,
  profileId: 'jilin',
  majorFields: { value: [...COMMON_MAJOR, 'drug_scope'], cites: [{ doc: JL, article: 25 }] },
  filingWorkdays: { value: 30, cites: [{ doc: JL, article: 25 }] },
  mutualRecognition: {
    value: [{ a: '229900', aLabel: '省本级', b: '2201', bLabel: '长春市' }, { a: '222499', aLabel: '延边州本级', b: '222401', bLabel: '延吉市' }],
    cites: [{ doc: JL, article: 25, clause: 2 }],
  },
  nationalCodeCollision: { value: true, cites: [{ doc: JL, article: 25, clause: 2 }] },
};

const ALL: readonly ChangeProfile[] = [NATIONAL_CHANGES, YUNNAN_CHANGES, BEIJING_CHANGES, JILIN_CHANGES];

/** An unknown profile runs the national baseline — never another province's rules (decision 0015). */
export function changeProfileOf(policyProfileId: string | null | undefined): ChangeProfile {
  return ALL.find((p) => p.profileId === policyProfileId) ?? NATIONAL_CHANGES;
}

export const isMajor = (p: ChangeProfile, f: ChangeField): boolean => p.majorFields.value.includes(f);

/** The partner of a region under mutual recognition (吉医保规〔2023〕1号 第二十五条第二款), or null. */
export function recognitionPartner(p: ChangeProfile, regionCode: string): { prefix: string; label: string; ownLabel: string } | null {
  for (const pair of p.mutualRecognition.value) {
    if (regionCode.startsWith(pair.a)) return { prefix: pair.b, label: pair.bLabel, ownLabel: pair.aLabel };
    if (regionCode.startsWith(pair.b)) return { prefix: pair.a, label: pair.aLabel, ownLabel: pair.bLabel };
  }
  return null;
}
