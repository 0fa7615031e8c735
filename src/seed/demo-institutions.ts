import { randomUUID } from 'node:crypto';
import { mulberry32 } from '../domain/random';
import type {
  InstitutionSubtype, InstitutionKind, Ownership, HospitalLevel, Grade, AdminLevel, InstitutionStatus, ParentRelation,
  PersonRole, LicenceKind, PaymentCategory, InsuranceScheme,
} from '../domain/registry/enums';
import { subtypeKind } from '../domain/registry/enums';
import { withUsccCheck, orgCodeCheckChar, USCC_CHARSET } from '../domain/validators/uscc';
import { withIdCheck } from '../domain/validators/id-number';
import { DEMO_AREAS, FIXED_HOSPITALS, ROADS, SURNAMES, GIVEN, CLINIC_STYLES, PHARMACY_NAMES, LTC_NAMES, type DemoArea } from './demo-names';

/**
 * A deterministic demo registry (same every run): ~300 institutions of every kind and type
 * across the seven demo areas and the 省本级/市本级 codes, with valid 统一社会信用代码 and
 * 身份证号, licences, sites, and the relations of 吉医保规〔2023〕1号 第二十三条 / 第三十三条.
 */
export interface DemoPerson { idNumber: string; name: string; phone: string; dishonest: boolean }
export interface DemoInstitution {
  key: string; id: string; name: string; uscc: string; ybCode: string | null;
  kind: InstitutionKind; subtype: InstitutionSubtype; ownership: Ownership; hospitalLevel: HospitalLevel; grade: Grade;
  adminLevel: AdminLevel; beds: number; regionCode: string; address: string; phone: string; servicePhone: string | null;
  status: InstitutionStatus; parentId: string | null; parentRelation: ParentRelation | null; dualChannel: boolean;
  paymentCategories: PaymentCategory[]; insuranceSchemes: InsuranceScheme[]; openedOn: string; designatedOn: string | null;
  persons: { person: DemoPerson; role: PersonRole; fromDate: string }[];
  licences: { kind: LicenceKind; number: string; issuedBy: string; validFrom: string; validTo: string | null }[];
  sites: { name: string; address: string; regionCode: string; approved: boolean | null }[];
}

/** A seeded generator, so that the demo is the same on every machine. */
function rng(seed: number) {
  const next = mulberry32(seed);
  return { next, int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)), pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]! };
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

export function buildDemoInstitutions(): DemoInstitution[] {
  const r = rng(20250925);
  const out: DemoInstitution[] = [];
  const byKey = new Map<string, DemoInstitution>();
  const usccs = new Set<string>();
  const ybSerial = new Map<string, number>();
  let personSeq = 0;

  const date = (y0: number, y1: number) => `${r.int(y0, y1)}-${pad(r.int(1, 12), 2)}-${pad(r.int(1, 28), 2)}`;
  const addYears = (d: string, n: number) => `${Number(d.slice(0, 4)) + n}${d.slice(4)}`;
  const phone = (areaCode: string) => `${areaCode}-${r.int(2, 8)}${pad(r.int(0, areaCode === '0433' ? 999999 : 9999999), areaCode === '0433' ? 6 : 7)}`;

  function uscc(ownership: Ownership, subtype: InstitutionSubtype, regionCode: string): string {
    for (;;) {
      const enterprise = ownership === 'private' && (subtypeKind[subtype] === 'pharmacy' || ['clinic', 'outpatient_dept', 'lab_center', 'medical_lab', 'pathology_center', 'imaging_center', 'dialysis_center'].includes(subtype));
      const head = ownership === 'private' ? (enterprise ? '91' : '52') : '12';
      const org8 = enterprise
        ? `MA${Array.from({ length: 6 }, () => r.pick([...USCC_CHARSET])).join('')}`
        : `${ownership === 'private' ? '5' : '4'}${pad(r.int(0, 9_999_999), 7)}`;
      const code = withUsccCheck(`${head}${regionCode}${org8}${orgCodeCheckChar(org8)}`);
      if (!usccs.has(code)) return usccs.add(code), code;
    }
  }
  function person(regionCode: string, dishonest = false): DemoPerson {
    const birth = `${r.int(1958, 1992)}${pad(r.int(1, 12), 2)}${pad(r.int(1, 28), 2)}`;
    const idNumber = withIdCheck(`${regionCode.slice(0, 4)}${pad(r.int(1, 30), 2)}${birth}${pad(++personSeq % 1000, 3)}`);
    return { idNumber, name: r.pick(SURNAMES) + r.pick(GIVEN), phone: `1${r.pick(['39', '58', '87', '38', '35'])}${pad(r.int(0, 99_999_999), 8)}`, dishonest };
  }

  interface Spec {
    key?: string; name: string; subtype: InstitutionSubtype; area: DemoArea; regionCode?: string; ownership?: Ownership;
    level?: HospitalLevel; grade?: Grade; adminLevel?: AdminLevel; beds?: number; status?: InstitutionStatus;
    parent?: DemoInstitution; relation?: ParentRelation; dualChannel?: boolean; owner?: DemoPerson; extraSite?: boolean;
  }
  function add(s: Spec): DemoInstitution {
    const kind = subtypeKind[s.subtype];
    const regionCode = s.regionCode ?? s.area.code;
    const ownership = s.ownership ?? 'public';
    const roll = r.next();
    const status: InstitutionStatus = s.status
      ?? (kind === 'third_party' ? 'filed' : roll < 0.8 ? 'designated' : roll < 0.9 ? 'applicant' : roll < 0.95 ? 'suspended' : 'terminated');
    const openedOn = date(kind === 'medical' && (s.level === 'level3' || s.level === 'level2') ? 1955 : 2008, 2023);
    const everDesignated = ['designated', 'suspended', 'terminated'].includes(status);
    const designatedOn = everDesignated ? (openedOn > '2022-01-01' ? addYears(openedOn, 1) : `${r.int(Math.max(2005, Number(openedOn.slice(0, 4)) + 1), 2024)}-${pad(r.int(1, 12), 2)}-01`) : null;
    let ybCode: string | null = null;
    if (everDesignated) {
      const n = (ybSerial.get(regionCode) ?? 0) + 1;
      ybSerial.set(regionCode, n);
      ybCode = `${kind === 'pharmacy' ? 'P' : 'H'}${regionCode}${pad(n, 5)}`;
    }
    const isHospital = s.subtype.endsWith('_hospital') && s.subtype !== 'internet_hospital';
    const payment: PaymentCategory[] = kind === 'pharmacy' ? ['pharmacy_purchase'] : kind === 'ltc' ? ['long_term_care']
      : kind === 'third_party' ? [] : isHospital || s.subtype === 'maternal_child' ? ['general_outpatient', 'inpatient', 'chronic_special']
        : ['general_outpatient'];
    if (s.subtype === 'maternal_child') payment.push('maternity');
    if (s.dualChannel) payment.push('dual_channel');
    const schemes: InsuranceScheme[] = kind === 'ltc' ? ['ltc_insurance'] : kind === 'third_party' ? [] : kind === 'pharmacy' ? ['employee', 'resident']
      : ['employee', 'resident', 'critical_illness', 'medical_aid'];
    const road = `${r.pick(ROADS)}${r.int(1, 399)}号`;
    const address = `${s.area.city === s.area.county ? '' : s.area.city}${regionCode.endsWith('99') || regionCode.endsWith('9900') ? '' : s.area.county}${road}`;
    const inst: DemoInstitution = {
      key: s.key ?? `${s.area.key}-${out.length}`, id: randomUUID(), name: s.name, uscc: uscc(ownership, s.subtype, regionCode), ybCode,
      kind, subtype: s.subtype, ownership, hospitalLevel: s.level ?? 'unrated', grade: s.grade ?? 'none',
      adminLevel: s.adminLevel ?? 'county', beds: s.beds ?? 0, regionCode, address, phone: phone(s.area.areaCode),
      servicePhone: everDesignated && kind !== 'pharmacy' ? phone(s.area.areaCode) : null, status,
      parentId: s.parent?.id ?? null, parentRelation: s.relation ?? null, dualChannel: !!s.dualChannel,
      paymentCategories: payment, insuranceSchemes: schemes, openedOn, designatedOn, persons: [], licences: [], sites: [],
    };
    const legal = s.owner ?? person(s.area.code);
    inst.persons.push({ person: legal, role: 'legal_rep', fromDate: openedOn });
    inst.persons.push({ person: ownership === 'public' ? legal : person(s.area.code), role: 'principal', fromDate: openedOn });
    addLicences(inst, s.area);
    inst.sites.push({ name: '主执业地点', address, regionCode, approved: everDesignated ? true : null });
    if (s.extraSite) inst.sites.push({ name: '第二执业地点', address: `${s.area.city}${s.area.county}${r.pick(ROADS)}${r.int(1, 399)}号`, regionCode: s.area.code, approved: r.next() < 0.7 });
    out.push(inst);
    byKey.set(inst.key, inst);
    return inst;
  }
  function addLicences(inst: DemoInstitution, area: DemoArea) {
    const from = date(2019, 2024);
    // a few licences run out soon after the demo's "today", to show reminders
    const to = r.next() < 0.06 ? `2025-${pad(r.int(10, 12), 2)}-${pad(r.int(1, 28), 2)}` : addYears(from, 5);
    const health = `${area.city}${inst.regionCode.endsWith('99') || inst.regionCode.endsWith('9900') ? '' : area.county}卫生健康局`.replace('北京市东城区卫生健康局', '北京市东城区卫生健康委员会');
    if (inst.kind === 'medical' || inst.kind === 'third_party') {
      const tcm = inst.subtype === 'clinic' && inst.name.includes('中医');
      inst.licences.push({
        kind: tcm ? 'tcm_clinic_record' : 'practice_licence',
        number: tcm ? `${area.abbr}中医备${from.slice(0, 4)}${pad(r.int(1, 9999), 4)}号` : `PDY${pad(r.int(0, 99999), 5)}${inst.regionCode}${r.int(10, 99)}A${r.int(1000, 9999)}`,
        issuedBy: health, validFrom: from, validTo: tcm ? null : to,
      });
    }
    if (inst.kind === 'pharmacy') inst.licences.push({ kind: 'drug_business_licence', number: `${area.abbr}AA${inst.regionCode.slice(0, 4)}${pad(r.int(0, 9999), 4)}`, issuedBy: `${area.city}市场监督管理局`, validFrom: from, validTo: to });
    if (inst.kind === 'ltc') inst.licences.push({ kind: 'eldercare_licence', number: `${area.abbr}民养备${from.slice(0, 4)}${pad(r.int(1, 9999), 4)}号`, issuedBy: `${area.county}民政局`, validFrom: from, validTo: null });
    if (inst.ownership === 'public') inst.licences.push({ kind: 'public_institution_cert', number: `事证第${pad(r.int(0, 999_999_999), 12)}号`, issuedBy: `${area.city}事业单位登记管理局`, validFrom: from, validTo: addYears(from, 5) });
    else if (inst.uscc.startsWith('52')) inst.licences.push({ kind: 'private_nonenterprise_cert', number: inst.uscc, issuedBy: `${area.county}民政局`, validFrom: from, validTo: addYears(from, 5) });
    else inst.licences.push({ kind: 'business_licence', number: inst.uscc, issuedBy: `${area.city}市场监督管理局`, validFrom: from, validTo: null });
  }

  // ── 省本级 / 市本级 hospitals ──
  for (const h of FIXED_HOSPITALS) {
    const area = DEMO_AREAS.find((a) => a.code.slice(0, 2) === h.regionCode.slice(0, 2))!;
    const main = add({ key: h.key, name: h.name, subtype: h.subtype, area, regionCode: h.regionCode, level: h.level, grade: 'A', adminLevel: h.adminLevel, beds: h.beds, status: 'designated', extraSite: !!h.branch });
    if (h.branch) add({ key: `${h.key}-branch`, name: h.branch, subtype: h.subtype, area, regionCode: h.regionCode, level: h.level, grade: 'A', adminLevel: h.adminLevel, beds: Math.round(h.beds / 3), status: 'designated', parent: main, relation: 'branch' });
    if (h.internet) add({ key: `${h.key}-internet`, name: h.internet, subtype: 'internet_hospital', area, regionCode: h.regionCode, adminLevel: h.adminLevel, status: 'designated', parent: main, relation: 'internet_hospital' });
  }

  // ── the seven county-level areas ──
  const dishonestOwners: DemoPerson[] = [];
  for (const a of DEMO_AREAS) {
    const st = a.streets;
    const P = a.prefix;
    const hosp = add({ key: `${a.key}-people-hospital`, name: `${P}人民医院`, subtype: 'general_hospital', area: a, level: 'level2', grade: 'A', beds: r.int(300, 700), status: 'designated', extraSite: true });
    add({ name: `${P}人民医院${st[5]}分院`, subtype: 'general_hospital', area: a, level: 'level2', grade: 'A', beds: r.int(50, 150), status: 'designated', parent: hosp, relation: 'branch' });
    if (a.key === 'wuhua' || a.key === 'nanguan') add({ name: `${P}人民医院互联网医院`, subtype: 'internet_hospital', area: a, status: 'designated', parent: hosp, relation: 'internet_hospital' });
    add({ name: `${P}中医医院`, subtype: 'tcm_hospital', area: a, level: 'level2', grade: 'A', beds: r.int(150, 400) });
    add({ name: `${P}妇幼保健院`, subtype: 'maternal_child', area: a, level: 'level2', grade: 'B', beds: r.int(60, 200) });
    // 紧密型医共体 (吉医保规〔2023〕1号 第二十三条(三)): community centres and the health centre join the county hospital
    const yigongti = a.key === 'wuhua' || a.key === 'yanji';
    for (let i = 0; i < 4; i++) add({ name: `${P}${st[i]}社区卫生服务中心`, subtype: 'community_center', area: a, level: 'level1', beds: r.int(0, 40), ...(yigongti ? { parent: hosp, relation: 'yigongti_member' as const } : {}) });
    for (let i = 4; i < 7; i++) add({ name: `${P}${st[i]}社区卫生服务站`, subtype: 'community_station', area: a });
    // 乡村一体化: village clinics under the health centre (第二十三条(四))
    const centreType: InstitutionSubtype = a.key === 'yanji' ? 'central_health_center' : a.villages.length ? 'township_health_center' : 'street_health_center';
    const centre = add({ name: `${P}${st[8]}${centreType === 'central_health_center' ? '镇中心卫生院' : centreType === 'street_health_center' ? '街道卫生院' : '卫生院'}`, subtype: centreType, area: a, level: 'level1', beds: r.int(10, 60), status: 'designated', ...(yigongti ? { parent: hosp, relation: 'yigongti_member' as const } : {}) });
    for (const v of a.villages) add({ name: `${st[8]}${v}村卫生室`, subtype: 'village_clinic', area: a, status: centre.status, parent: centre, relation: 'village_clinic' });
    for (let i = 0; i < 2; i++) add({ name: `${a.city.slice(0, 2)}${r.pick(['华夏', '同济', '仁和', '德仁', '博爱'])}${['口腔', '中医', '综合'][i]}门诊部（${a.county}${st[i + 2]}）`, subtype: 'outpatient_dept', area: a, ownership: 'private' });
    for (let i = 0; i < 7; i++) {
      const owner = person(a.code, i === 3 && dishonestOwners.length < 4);
      if (owner.dishonest) dishonestOwners.push(owner);
      let name = '';
      while (!name || out.some((x) => x.name === name)) name = `${a.county}${r.pick(SURNAMES)}氏${CLINIC_STYLES[i]!}`;
      add({ name, subtype: 'clinic', area: a, ownership: 'private', owner, ...(owner.dishonest ? { status: 'terminated' as const } : {}) });
    }
    add({ name: `${a.county}机关事务服务中心卫生所`, subtype: 'health_room', area: a });
    // chain pharmacies: the first store of each chain is the flagship, the others 连锁门店 under it
    for (const chain of a.chains) {
      const chainOwner = person(a.code);
      const storeName = (s: string) => `${chain}（${a.county.replace(/[区市]$/, '')}${s}店）`;
      const flagship = add({
        key: chain === '云南白药大药房' && a.key === 'wuhua' ? 'wuhua-baiyao-pharmacy' : undefined,
        name: chain === '云南白药大药房' && a.key === 'wuhua' ? '云南白药大药房（五华店）' : storeName(st[r.int(0, 4)]!),
        subtype: 'pharmacy_chain_member', area: a, ownership: 'private', owner: chainOwner, dualChannel: true, status: 'designated',
      });
      for (let i = 0; i < 2; i++) add({ name: storeName(`${st[6 + i]}${i ? '二' : ''}`), subtype: 'pharmacy_chain_member', area: a, ownership: 'private', owner: chainOwner, parent: flagship, relation: 'chain_store' });
    }
    for (let i = 0; i < 3; i++) add({ name: `${a.county}${PHARMACY_NAMES[(i + a.code.length) % PHARMACY_NAMES.length]}${i ? `（${st[i]}店）` : ''}`, subtype: 'pharmacy_single', area: a, ownership: 'private' });
    // the rarer types of 京医保发〔2021〕30号 第五条, spread over the areas
    const idx = DEMO_AREAS.indexOf(a);
    const rare: [InstitutionSubtype, string, Ownership][] = [
      ['dialysis_center', `${a.city.slice(0, 2)}康盛血液透析中心（${a.county}）`, 'private'],
      ['hospice', `${P}安宁疗护中心`, 'public'],
      ['nursing_home_medical', `${a.county}${r.pick(['康宁', '颐年', '泰和'])}护理院`, 'private'],
      ['eldercare_internal', `${a.county}${r.pick(['康乐', '福寿', '松鹤'])}养老院医务室`, 'private'],
      ['specialty_hospital', `${a.city.slice(0, 2)}${r.pick(['爱尔', '普瑞', '华厦'])}眼科医院（${a.county}）`, 'private'],
      ['rehab_hospital', `${P}康复医院`, 'public'],
      ['integrated_hospital', `${P}中西医结合医院`, 'public'],
      ['disease_prevention', `${P}${r.pick(['皮肤病防治所', '结核病防治所', '精神卫生防治站'])}`, 'public'],
    ];
    for (const [subtype, name, ownership] of rare.slice(idx % 2 ? 4 : 0, idx % 2 ? 8 : 4).concat(idx === 0 ? rare.slice(4, 8) : [])) {
      add({ name, subtype, area: a, ownership, ...(subtype.endsWith('hospital') ? { level: 'level2' as const, grade: 'B' as const, beds: r.int(80, 300) } : {}) });
    }
    if (a.ethnic) add({ name: a.ethnic, subtype: 'ethnic_hospital', area: a, level: 'level2', grade: 'A', beds: r.int(100, 300) });
    // third-party services: filed, not designated (吉医保规〔2023〕1号 第三十三条)
    const labs: [InstitutionSubtype, string][] = [
      ['lab_center', `${a.city.slice(0, 2)}迪安医学检验中心（${a.county}）`], ['medical_lab', `${a.city.slice(0, 2)}金域医学检验实验室（${a.county}）`],
      ['pathology_center', `${a.city.slice(0, 2)}病理诊断中心（${a.county}）`], ['imaging_center', `${a.city.slice(0, 2)}一脉阳光医学影像诊断中心（${a.county}）`],
    ];
    for (const [subtype, name] of labs.slice(idx % 2 ? 2 : 0, idx % 2 ? 4 : 2)) add({ name, subtype, area: a, ownership: 'private' });
    // long-term-care homes (吉医保规〔2023〕1号 第九条)
    if (a.ltc) {
      for (const [i, n] of LTC_NAMES.entries()) {
        add({
          key: a.key === 'yanji' && i === 0 ? 'yanji-ltc-home' : undefined,
          name: `${a.county}${n}`, subtype: n.includes('护理院') ? 'ltc_nursing_home' : 'ltc_eldercare_home', area: a,
          ownership: i === 2 ? 'public' : 'private', beds: r.int(40, 300), ...(i === 0 ? { status: 'designated' as const } : {}),
        });
      }
    }
  }
  // applicants of the living demo (issue #9), added last so that every institution above keeps its seeded values:
  // their files reach 公示, 协商谈判, a signed agreement, and an expert panel's evaluation (src/seed/demo-applications.ts)
  const panlong = DEMO_AREAS.find((a) => a.key === 'panlong');
  if (panlong) for (const name of LATER_STAGE_APPLICANTS) add({ key: name === SIGNED_DEMO_APPLICANT ? 'panlong-renji-clinic' : undefined, name, subtype: 'outpatient_dept', area: panlong, ownership: 'private', status: 'applicant' });
  return out;
}

/** Outpatient departments in 盘龙区 whose demo files are in the later stages of the pipeline. */
export const LATER_STAGE_APPLICANTS = ['盘龙区康和门诊部', '盘龙区益民门诊部', '盘龙区仁济门诊部', '盘龙区安康门诊部'] as const;
/** The one whose agreement is signed and filed; its legal representative has the demo login inst_renji_rep. */
export const SIGNED_DEMO_APPLICANT = '盘龙区仁济门诊部';
