import { areaList } from '@vant/area-data';
import { sql } from 'drizzle-orm';
import type { Db, Tx } from '../db/client';
import { regions } from '../db/schema/index';

/**
 * Loads every province, prefecture and county of GB/T 2260 (from @vant/area-data) plus the
 * 医保区划 pseudo-regions: 省本级 PP9900 under each province and 市本级 PPCC99 under each
 * prefecture, where 省级/市级 institutions are registered (吉医保规〔2023〕1号 第二十三条(五)
 * names 省本级 and 延边州本级 as 统筹 units of their own).
 *
 * A pseudo code is skipped where it would collide with a real code (the Taiwan data uses
 * PPCC99 for '其它区' etc.), and none are made for 71/81/82 (no mainland 医保 agencies).
 */
export const PROVINCE_PROFILES: Record<string, string> = {
  '530000': 'yunnan',
  '110000': 'beijing',
  '220000': 'jilin',
};
export const DEFAULT_PROFILE = 'national';
/**
 * The demo only (decision 0043): the 2025 draft of a 自治区医保局 names no province, so a deployment chooses
 * it by setting its province row's profile_id; the demo runs it in 广西壮族自治区 (any 自治区 would do).
 */
export const DEMO_DRAFT_PROFILE = { province: '450000', profileId: 'zizhiqu-2025-draft' } as const;
const NO_PSEUDO = new Set(['71', '81', '82']);

export type RegionRow = typeof regions.$inferInsert;

export function buildRegionRows(): RegionRow[] {
  const { province_list: provinces, city_list: cities, county_list: counties } = areaList;
  const real = new Set([...Object.keys(provinces), ...Object.keys(cities), ...Object.keys(counties)]);
  const rows: RegionRow[] = [];
  let order = 0;
  for (const [code, name] of Object.entries(provinces)) {
    rows.push({ code, name, level: 'province', parentCode: null, kind: 'admin', profileId: PROVINCE_PROFILES[code] ?? DEFAULT_PROFILE, sortOrder: order++ });
    const pseudo = `${code.slice(0, 2)}9900`;
    if (!NO_PSEUDO.has(code.slice(0, 2)) && !real.has(pseudo)) {
      const label = name.endsWith('省') ? `${name}本级` : `${name}（省本级）`;
      rows.push({ code: pseudo, name: label, level: 'prefecture', parentCode: code, kind: 'yb_pseudo', sortOrder: order++ });
    }
  }
  for (const [code, name] of Object.entries(cities)) {
    rows.push({ code, name, level: 'prefecture', parentCode: `${code.slice(0, 2)}0000`, kind: 'admin', sortOrder: order++ });
    const pseudo = `${code.slice(0, 4)}99`;
    if (!NO_PSEUDO.has(code.slice(0, 2)) && !real.has(pseudo)) {
      rows.push({ code: pseudo, name: `${name}本级`, level: 'county', parentCode: code, kind: 'yb_pseudo', sortOrder: order++ });
    }
  }
  for (const [code, name] of Object.entries(counties)) {
    rows.push({ code, name, level: 'county', parentCode: `${code.slice(0, 4)}00`, kind: 'admin', sortOrder: order++ });
  }
  return rows;
}

/**
 * Inserts all regions in a few multi-row statements; existing codes are left alone except
 * that province rows get their profile id if they have none. Returns the number of rows offered.
 */
export async function seedRegions(db: Db | Tx): Promise<number> {
  const rows = buildRegionRows();
  for (let i = 0; i < rows.length; i += 1000) {
    await db.insert(regions).values(rows.slice(i, i + 1000)).onConflictDoNothing();
  }
  for (const [code, profileId] of Object.entries(PROVINCE_PROFILES)) {
    await db.update(regions).set({ profileId }).where(sql`${regions.code} = ${code} AND ${regions.profileId} IS NULL`);
  }
  return rows.length;
}
