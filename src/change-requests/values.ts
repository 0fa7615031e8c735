/** The registry's values of the change fields, as codes (stored) and as the labels a person reads. */
import { AppError } from '../domain/errors';
import type { ChangeField } from '../domain/change-request/fields';
import { HOSPITAL_LEVELS, INSTITUTION_SUBTYPES, OWNERSHIPS, hospitalLevelLabel, institutionSubtypeLabel, ownershipLabel, type PersonRole } from '../domain/registry/enums';
import { PRACTICE_SCOPES, practiceScopeLabel, type PracticeScope } from '../domain/registry/practice-scope';
import { isValidIdNumber, maskIdNumber } from '../domain/validators/id-number';

type Registry = {
  inst: { name: string; address: string; beds: number; ownership: string; hospitalLevel: string; subtype: string; mainScope: string[] | null; phone: string | null; servicePhone: string | null; kind: string };
  people: { role: PersonRole; name: string; idNumber: string }[];
};

/** The current value of a field in the registry (null = not held: 银行账户 has no registry column). */
export function currentValue(r: Registry, f: ChangeField): string | null {
  const person = (role: PersonRole) => { const p = r.people.find((x) => x.role === role); return p ? `${p.name}（${maskIdNumber(p.idNumber)}）` : null; };
  switch (f) {
    case 'name': return r.inst.name;
    case 'address': return r.inst.address;
    case 'scale': return String(r.inst.beds);
    case 'nature': return r.inst.ownership;
    case 'level': return r.inst.hospitalLevel;
    case 'category': return r.inst.subtype;
    case 'practice_scope': case 'drug_scope': return r.inst.mainScope?.join('、') ?? null;
    case 'phone': return r.inst.phone;
    case 'service_phone': return r.inst.servicePhone;
    case 'legal_rep': return person('legal_rep');
    case 'principal': return person('principal');
    case 'controller': return person('controller');
    case 'bank_account': return null;
  }
}

const bad = (field: string, msg: string) => new AppError('INVALID_INPUT', msg, { field });

/** Checks a new value against the registry's vocabulary (400 naming the field). */
export function checkValue(f: ChangeField, to: string, person: { name: string; idNumber: string } | undefined, kind: string, i: number): void {
  const at = `changes.${i}.to`;
  switch (f) {
    case 'scale': if (!/^\d{1,5}$/.test(to)) throw bad(at, '机构规模（床位数）应为整数'); break;
    case 'nature': if (!(OWNERSHIPS as readonly string[]).includes(to)) throw bad(at, '机构性质取值无效'); break;
    case 'level': if (!(HOSPITAL_LEVELS as readonly string[]).includes(to)) throw bad(at, '等级取值无效'); break;
    case 'category': if (!(INSTITUTION_SUBTYPES as readonly string[]).includes(to)) throw bad(at, '类别取值无效'); break;
    case 'practice_scope': case 'drug_scope': {
      const codes = to.split(/[、,，\s]+/).filter(Boolean);
      if (codes.length === 0 || codes.some((c) => !(PRACTICE_SCOPES as readonly string[]).includes(c))) throw bad(at, `${f === 'drug_scope' ? '药品经营范围' : '诊疗科目'}含有无效的代码`);
      if (f === 'drug_scope' && kind !== 'pharmacy') throw bad(`changes.${i}.field`, '药品经营范围仅适用于定点零售药店');
      if (f === 'practice_scope' && kind === 'pharmacy') throw bad(`changes.${i}.field`, '定点零售药店请填写药品经营范围');
      break;
    }
    case 'legal_rep': case 'principal': case 'controller':
      if (!person) throw bad(`changes.${i}.person`, '人员变更须填写新任人员的姓名和身份证号');
      if (!isValidIdNumber(person.idNumber)) throw bad(`changes.${i}.person.idNumber`, '身份证号校验不通过');
      break;
    default: break;
  }
}

/** The label a person reads for a stored value. */
export function valueLabel(f: ChangeField, v: string | null, person?: { name: string; idNumber: string }): string {
  if (person) return `${person.name}（${maskIdNumber(person.idNumber)}）`;
  if (v === null || v === '') return '（无）';
  switch (f) {
    case 'nature': return ownershipLabel[v as keyof typeof ownershipLabel] ?? v;
    case 'level': return hospitalLevelLabel[v as keyof typeof hospitalLevelLabel] ?? v;
    case 'category': return institutionSubtypeLabel[v as keyof typeof institutionSubtypeLabel] ?? v;
    case 'practice_scope': case 'drug_scope': return v.split(/[、,，\s]+/).filter(Boolean).map((c) => practiceScopeLabel[c as PracticeScope] ?? c).join('、');
    case 'scale': return `${v}张床位`;
    default: return v;
  }
}
