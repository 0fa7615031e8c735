import { areaList } from '@vant/area-data';

import type { Database } from '../src/db/client';

/**
 * GB/T 2260 divisions from @vant/area-data, and a population weight per county so the
 * generated registry is skewed the way the country is. Taiwan, Hong Kong and Macao are
 * loaded as regions (the registry helper's seed does the same) but get no institutions.
 */

export interface County {
  code: string;
  name: string;
  /** prefecture-level name, or the province's for 直辖市 and 省直辖县 */
  cityName: string;
  provinceName: string;
  weight: number;
}

/** 2020 census population in millions (第七次全国人口普查公报), by province code. */
const POPULATION: Record<string, number> = {
  '11': 21.9, '12': 13.9, '13': 74.6, '14': 34.9, '15': 24.0, '21': 42.6, '22': 24.1, '23': 31.9,
  '31': 24.9, '32': 84.7, '33': 64.6, '34': 61.0, '35': 41.5, '36': 45.2, '37': 101.5, '41': 99.4,
  '42': 57.8, '43': 66.4, '44': 126.0, '45': 50.1, '46': 10.1, '50': 32.1, '51': 83.7, '52': 38.6,
  '53': 47.2, '54': 3.6, '61': 39.5, '62': 25.0, '63': 5.9, '64': 7.2, '65': 25.9,
};

function cityNameOf(countyCode: string, countyName: string): string {
  const province = areaList.province_list[`${countyCode.slice(0, 2)}0000`] ?? '';
  const city = areaList.city_list[`${countyCode.slice(0, 4)}00`] ?? '';
  if (city === '县') return province; // 重庆市 下辖县
  if (city.includes('直辖')) return countyName; // 济源市, 仙桃市 …
  return city;
}

/** Counties that receive institutions, with weights summing to 1. */
export function counties(rand: () => number): County[] {
  const out: County[] = [];
  const byProvince = new Map<string, County[]>();
  for (const [codeNum, name] of Object.entries(areaList.county_list)) {
    const code = String(codeNum);
    const p = code.slice(0, 2);
    if (!(p in POPULATION) || name.startsWith('其它')) continue;
    // urban districts are denser than rural counties
    const w = (name.endsWith('区') ? 1.6 : 1) * (0.5 + rand());
    const county: County = {
      code, name, cityName: cityNameOf(code, name),
      provinceName: areaList.province_list[`${p}0000`] ?? '', weight: w,
    };
    out.push(county);
    const list = byProvince.get(p) ?? [];
    list.push(county);
    byProvince.set(p, list);
  }
  const total = Object.values(POPULATION).reduce((a, b) => a + b, 0);
  for (const [p, list] of byProvince) {
    const sum = list.reduce((a, c) => a + c.weight, 0);
    for (const c of list) c.weight = (c.weight / sum) * (POPULATION[p]! / total);
  }
  return out;
}

/** Insert every division (idempotent: ON CONFLICT DO NOTHING). */
export async function loadRegions(database: Database): Promise<number> {
  const rows: [string, string, string, string | null][] = [];
  for (const [c, n] of Object.entries(areaList.province_list)) rows.push([String(c), n, 'province', null]);
  for (const [c, n] of Object.entries(areaList.city_list)) {
    rows.push([String(c), n, 'prefecture', `${String(c).slice(0, 2)}0000`]);
  }
  for (const [c, n] of Object.entries(areaList.county_list)) {
    rows.push([String(c), n, 'county', `${String(c).slice(0, 4)}00`]);
  }
  for (let i = 0; i < rows.length; i += 1000) {
    const chunk = rows.slice(i, i + 1000);
    const params: unknown[] = [];
    const values = chunk.map((r, j) => {
      params.push(...r, i + j);
      const b = j * 5;
      return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, 'admin', $${b + 5})`;
    });
    await database.query(
      `INSERT INTO regions (code, name, level, parent_code, kind, sort_order) VALUES ${values.join(',')}
       ON CONFLICT (code) DO NOTHING`,
      params,
    );
  }
  return rows.length;
}

/** Cumulative-weight sampler over counties. */
export function countySampler(list: County[]): (r: number) => County {
  const cum: number[] = [];
  let acc = 0;
  for (const c of list) cum.push((acc += c.weight));
  return (r: number) => {
    const x = r * acc;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return list[lo]!;
  };
}
