/**
 * What an Excel import of an expert pool would do, row by row (decision 0028) — pure:
 * each row is checked (身份证号 check digit, specialties from the vocabulary, dates, USCC, phone,
 * username), duplicates inside the file reject every row involved, and the pool decides the rest:
 * the same 身份证号 is the same expert (unchanged when every field is equal, updated otherwise),
 * unless the pool registered that number under another name, the expert was retired (解聘), or
 * the row's username belongs to someone else. Re-importing a file therefore changes nothing.
 */
import { expertFields, EXPERT_FIELD_LABEL, zUsername } from './expert-input';
import { defaultExpertUsername, parseSpecialties, specialtyVocabulary, type ExpertStatus } from './expert';
import type { Specialty } from '../designation/panel';
import { textProblem, unsafeTextMessage } from '../validators/text';

export const IMPORT_KEYS = ['name', 'idNumber', 'specialties', 'employer', 'employerUscc', 'phone', 'termFrom', 'termTo', 'username'] as const;
export type ImportKey = (typeof IMPORT_KEYS)[number];
export type RawRow = { row: number } & Record<ImportKey, string>;

export interface ExpertValue {
  name: string;
  idNumber: string;
  specialties: Specialty[];
  employer: string;
  employerUscc: string;
  phone: string | null;
  termFrom: string;
  termTo: string;
}

export interface ExistingExpert extends Omit<ExpertValue, 'idNumber' | 'specialties' | 'employer' | 'employerUscc' | 'termTo'> {
  id: string;
  userId: string;
  username: string;
  idNumber: string | null;
  specialties: string[];
  employer: string | null;
  employerUscc: string | null;
  termTo: string | null;
  status: ExpertStatus;
  version: number;
}

export type PlanRow =
  | { row: number; raw: RawRow; kind: 'create'; value: ExpertValue; username: string }
  | { row: number; raw: RawRow; kind: 'update'; value: ExpertValue; expert: ExistingExpert }
  | { row: number; raw: RawRow; kind: 'unchanged'; expert: ExistingExpert }
  | { row: number; raw: RawRow; kind: 'rejected'; message: string };

type Checked = { ok: true; value: ExpertValue; username: string | null } | { ok: false; problems: string[] };

const COLUMN_LABEL: Record<ImportKey, string> = { ...EXPERT_FIELD_LABEL };

function checkRow(raw: RawRow): Checked {
  const problems: string[] = [];
  // the same character check as every request string (src/server/input-guard.ts): cells are text typed by a person
  for (const k of IMPORT_KEYS) {
    const p = textProblem(raw[k]);
    if (p) problems.push(`${COLUMN_LABEL[k]}${unsafeTextMessage[p]}`);
  }
  if (problems.length) return { ok: false, problems };
  const value: Partial<ExpertValue> = {};
  const field = <K extends keyof typeof expertFields>(key: K, input: unknown) => {
    const r = expertFields[key].safeParse(input);
    if (r.success) (value as Record<string, unknown>)[key] = r.data;
    else problems.push(r.error.issues[0]?.message ?? `${EXPERT_FIELD_LABEL[key]}有误`);
  };
  field('name', raw.name);
  field('idNumber', raw.idNumber);
  if (!raw.specialties) problems.push('专业为必填项');
  else {
    const s = parseSpecialties(raw.specialties);
    if (s.ok) value.specialties = s.value;
    else problems.push(`专业「${s.unknown.join('、')}」不在专业目录中（可选：${specialtyVocabulary()}）`);
  }
  field('employer', raw.employer);
  field('employerUscc', raw.employerUscc);
  field('phone', raw.phone);
  field('termFrom', raw.termFrom);
  field('termTo', raw.termTo);
  if (value.termFrom && value.termTo && value.termTo < value.termFrom) problems.push('聘期截止日期不能早于聘期起始日期');
  let username: string | null = null;
  if (raw.username) {
    const u = zUsername().safeParse(raw.username);
    if (u.success) username = u.data;
    else problems.push(u.error.issues[0]?.message ?? '登录用户名有误');
  }
  return problems.length ? { ok: false, problems } : { ok: true, value: value as ExpertValue, username };
}

const same = (e: ExistingExpert, v: ExpertValue) =>
  e.name === v.name && e.employer === v.employer && e.employerUscc === v.employerUscc && (e.phone ?? null) === v.phone
  && e.termFrom === v.termFrom && e.termTo === v.termTo
  && [...e.specialties].sort().join() === [...v.specialties].sort().join();

/**
 * @param existing the pool's experts
 * @param usernameOwners for the usernames the file would use: the user id that holds each one already
 */
export function planImport(rows: readonly RawRow[], existing: readonly ExistingExpert[], usernameOwners: ReadonlyMap<string, string>): PlanRow[] {
  const checked = rows.map((raw) => ({ raw, c: checkRow(raw) }));
  // duplicates inside the file: by 身份证号, and by the username an account would get
  const byId = new Map<string, number[]>();
  const byUser = new Map<string, number[]>();
  const byNumber = new Map(existing.filter((e) => e.idNumber).map((e) => [e.idNumber!, e]));
  const idKey = (raw: RawRow) => raw.idNumber.trim().toUpperCase();
  for (const { raw, c } of checked) {
    // a number seen twice is a duplicate even when one of the rows has other faults
    if (idKey(raw)) byId.set(idKey(raw), [...(byId.get(idKey(raw)) ?? []), raw.row]);
    if (!c.ok) continue;
    const known = byNumber.get(c.value.idNumber);
    const user = c.username ?? known?.username ?? defaultExpertUsername(c.value.idNumber);
    byUser.set(user, [...(byUser.get(user) ?? []), raw.row]);
  }
  const others = (rowsOf: number[] | undefined, self: number) => (rowsOf ?? []).filter((r) => r !== self);
  return checked.map(({ raw, c }): PlanRow => {
    const base = { row: raw.row, raw };
    const dupId = others(byId.get(idKey(raw)), raw.row);
    const dupText = dupId.length ? [`身份证号与第${dupId.join('、')}行重复`] : [];
    if (!c.ok) return { ...base, kind: 'rejected', message: [...c.problems, ...dupText].join('；') };
    const v = c.value;
    const problems: string[] = [...dupText];
    const known = byNumber.get(v.idNumber);
    const username = c.username ?? known?.username ?? defaultExpertUsername(v.idNumber);
    const dupUser = others(byUser.get(username), raw.row).filter((r) => !dupId.includes(r));
    if (dupUser.length) problems.push(`登录用户名「${username}」与第${dupUser.join('、')}行重复`);
    if (known) {
      if (known.name !== v.name) problems.push(`该身份证号已在本专家库中登记为「${known.name}」，姓名不一致`);
      if (known.status === 'retired') problems.push('该专家已解聘，不能通过导入恢复；再次聘任请先核实后新增');
      if (c.username && c.username !== known.username) problems.push(`该专家已有登录用户名「${known.username}」，与本行「${c.username}」不一致`);
    } else {
      const owner = usernameOwners.get(username);
      if (owner) problems.push(`登录用户名「${username}」已被占用${c.username ? '' : '（未填用户名时默认为 expert_ 加身份证号后6位）'}，请在“登录用户名”列另填一个`);
    }
    if (problems.length) return { ...base, kind: 'rejected', message: problems.join('；') };
    if (!known) return { ...base, kind: 'create', value: v, username };
    return same(known, v) ? { ...base, kind: 'unchanged', expert: known } : { ...base, kind: 'update', value: v, expert: known };
  });
}
