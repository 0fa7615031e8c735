import { subtypeKind, type InstitutionSubtype } from '../src/domain/registry/enums';
import { buildSearchTokens } from '../src/domain/registry/search-tokens';
import { address, institutionName, pick, SUBTYPE_MIX, type Rand } from './names';
import type { County } from './regions';

/** One generated institution as a COPY text-format line (columns: COPY_COLUMNS). */

export const COPY_COLUMNS = [
  'name', 'uscc', 'yb_code', 'kind', 'subtype', 'ownership', 'hospital_level', 'grade', 'admin_level', 'beds',
  'region_code', 'address', 'phone', 'status', 'dual_channel', 'payment_categories', 'insurance_schemes',
  'opened_on', 'designated_on', 'search_tokens', 'created_at', 'updated_at',
] as const;


const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** 18-character 统一社会信用代码, unique by `serial`, with a GB 32100 check character. */
export function uscc(prefix: string, regionCode: string, serial: number): string {
  let org = '';
  for (let n = serial, k = 0; k < 9; k++, n = Math.floor(n / 31)) org = USCC_CHARS[n % 31] + org;
  const body = prefix + regionCode + org;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARS.indexOf(body[i]!) * USCC_WEIGHTS[i]!;
  return body + USCC_CHARS[(31 - (sum % 31)) % 31];
}

const HOSPITALS = new Set<InstitutionSubtype>([
  'general_hospital', 'tcm_hospital', 'specialty_hospital', 'integrated_hospital', 'rehab_hospital',
  'maternal_child', 'ethnic_hospital',
]);
const CENTERS = new Set<InstitutionSubtype>(['township_health_center', 'central_health_center', 'community_center', 'street_health_center']);

function subtypeSampler(): (r: number) => InstitutionSubtype {
  const total = SUBTYPE_MIX.reduce((a, [, w]) => a + w, 0);
  return (r: number) => {
    let x = r * total;
    for (const [s, w] of SUBTYPE_MIX) if ((x -= w) < 0) return s;
    return SUBTYPE_MIX[0]![0];
  };
}

const esc = (v: string) => v.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
/** Postgres array literal with every element quoted, then COPY-escaped. */
const arr = (xs: readonly string[]) => esc(`{${xs.map((x) => `"${x.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`);
const date = (y: number, r: Rand) => `${y}-${String(1 + Math.floor(r() * 12)).padStart(2, '0')}-${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`;

export interface RowFactory {
  (index: number): string;
}

export function rowFactory(rand: Rand, county: (r: number) => County, now: string): RowFactory {
  const subtypeOf = subtypeSampler();
  const ybSerial = new Map<string, number>();
  return (index) => {
    const c = county(rand());
    const subtype = subtypeOf(rand());
    const kind = subtypeKind[subtype];
    const name = institutionName(rand, subtype, c);
    const hospital = HOSPITALS.has(subtype);
    const publicSector = hospital ? rand() < 0.6 : CENTERS.has(subtype) || subtype === 'village_clinic' || subtype === 'emergency_center';
    const ownership = hospital && rand() < 0.005 ? 'military' : publicSector ? 'public' : 'private';

    let level = 'unrated';
    let grade = 'none';
    let beds = 0;
    if (hospital) {
      const x = rand();
      level = x < 0.1 ? 'level3' : x < 0.45 ? 'level2' : x < 0.8 ? 'level1' : 'unrated';
      grade = level === 'unrated' ? 'none' : pick(rand, level === 'level3' ? ['A', 'A', 'A', 'B'] : ['A', 'B', 'B', 'C', 'none']);
      beds = level === 'level3' ? 500 + Math.floor(rand() * 2500) : level === 'level2' ? 100 + Math.floor(rand() * 500) : 20 + Math.floor(rand() * 80);
    } else if (CENTERS.has(subtype)) {
      level = rand() < 0.6 ? 'level1' : 'unrated';
      beds = 10 + Math.floor(rand() * 70);
    }
    const adminLevel = level === 'level3' ? (rand() < 0.4 ? 'province' : 'prefecture') : level === 'level2' && rand() < 0.4 ? 'prefecture' : 'county';

    const s = rand();
    const status = kind === 'third_party' ? (s < 0.95 ? 'filed' : 'applicant')
      : s < 0.9 ? 'designated' : s < 0.92 ? 'suspended' : s < 0.95 ? 'terminated' : 'applicant';
    let ybCode: string | null = null;
    if (status !== 'applicant' && status !== 'filed') {
      const n = (ybSerial.get(c.code) ?? 0) + 1;
      ybSerial.set(c.code, n);
      ybCode = `${kind === 'pharmacy' ? 'P' : 'H'}${c.code}${String(n).padStart(5, '0')}`;
    }
    const usccPrefix = kind === 'pharmacy' ? (subtype === 'pharmacy_single' && rand() < 0.5 ? '92' : '91')
      : publicSector ? '12' : subtype === 'clinic' ? '92' : '52';

    const payment = kind === 'pharmacy' ? ['pharmacy_purchase'] : kind === 'ltc' ? ['long_term_care']
      : kind === 'third_party' ? [] : hospital ? ['general_outpatient', 'inpatient', 'chronic_special'] : ['general_outpatient'];
    const schemes = kind === 'third_party' ? [] : kind === 'ltc' ? ['ltc_insurance'] : ['employee', 'resident'];
    const opened = (hospital ? 1950 + Math.floor(rand() * 70) : 2000 + Math.floor(rand() * 23));
    const designated = status === 'applicant' || status === 'filed' ? '\\N' : date(Math.min(2024, opened + 1 + Math.floor(rand() * 3)), rand);
    const phone = `0${10 + Math.floor(rand() * 890)}-${String(Math.floor(rand() * 1e8)).padStart(8, '0')}`;

    return [
      esc(name), uscc(usccPrefix, c.code, index), ybCode ?? '\\N', kind, subtype, ownership, level, grade, adminLevel,
      String(beds), c.code, esc(address(rand, c)), phone, status,
      kind === 'pharmacy' && rand() < 0.03 ? 't' : 'f', arr(payment), arr(schemes),
      date(opened, rand), designated, arr(buildSearchTokens(name, c.code)), now, now,
    ].join('\t') + '\n';
  };
}
