import type pg from 'pg';

import { mulberry32 } from '../src/domain/random';
import type { SearchInput } from '../src/db/institution-search';

/**
 * The benchmark's query set, sampled from the names actually in the database so that
 * most queries hit: 2–4 consecutive Chinese characters of a real name, plus the most
 * frequent bigrams on purpose, each combined with a territory filter (province,
 * prefecture or county; the row's own territory 80% of the time, a random one 20%).
 */

export interface BenchQuery extends SearchInput {
  kind: '2-char frequent' | '2-char sampled' | '3-char sampled' | '4-char sampled';
  level: 'province' | 'prefecture' | 'county';
}

export const FREQUENT_BIGRAMS = ['医院', '药房', '卫生', '诊所', '人民', '大药', '中医', '社区', '药店', '服务'];
const CJK = /^[\u4e00-\u9fff]+$/;

export async function sampleQueries(pool: pg.Pool, count: number, seed = 7): Promise<BenchQuery[]> {
  const rand = mulberry32(seed);
  const { rows } = await pool.query<{ name: string; region_code: string }>(
    `SELECT name, region_code FROM institutions TABLESAMPLE SYSTEM (1) REPEATABLE (${seed}) LIMIT ${count * 4}`,
  );
  const regions = (await pool.query<{ code: string }>(`SELECT code FROM regions WHERE code < '710000'`)).rows.map((r) => r.code);
  const territory = (code: string): Pick<BenchQuery, 'regionCode' | 'level'> => {
    const x = rand();
    if (x < 0.4) return { regionCode: `${code.slice(0, 2)}0000`, level: 'province' };
    if (x < 0.75) return { regionCode: `${code.slice(0, 4)}00`, level: 'prefecture' };
    return { regionCode: code.endsWith('00') ? `${code.slice(0, 4)}01` : code, level: 'county' };
  };
  const out: BenchQuery[] = [];
  let i = 0;
  while (out.length < count && i < rows.length * 4) {
    const row = rows[i++ % rows.length]!;
    const code = rand() < 0.8 ? row.region_code : regions[Math.floor(rand() * regions.length)]!;
    const slot = out.length % 5; // 1/5 frequent bigrams, 1/5 sampled 2-char, 1/5 3-char, 2/5 4-char
    if (slot === 0) {
      out.push({ q: FREQUENT_BIGRAMS[Math.floor(rand() * FREQUENT_BIGRAMS.length)]!, kind: '2-char frequent', ...territory(code) });
      continue;
    }
    const len = slot === 1 ? 2 : slot === 2 ? 3 : 4;
    const chars = Array.from(row.name);
    const start = Math.floor(rand() * Math.max(1, chars.length - len + 1));
    const q = chars.slice(start, start + len).join('');
    if (q.length !== len || !CJK.test(q)) continue;
    out.push({ q, kind: `${len}-char sampled` as BenchQuery['kind'], ...territory(code) });
  }
  return out;
}

/** Frequent bigrams over the largest provinces: the worst case of the GIN path. */
export function stressQueries(): BenchQuery[] {
  const provinces = ['440000', '370000', '410000', '320000', '510000'];
  return provinces.flatMap((p) => ['医院', '药房', '卫生', '诊所', '人民'].map((q) => ({
    q, regionCode: p, kind: '2-char frequent' as const, level: 'province' as const,
  })));
}
