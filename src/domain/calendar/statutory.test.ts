import { describe, expect, it } from 'vitest';
import { DAYS_2025, DAYS_2026 } from './fixtures';
import { lunarNewYearsEve, lunarToSolar } from './lunar';
import { qingming, statutoryHolidays } from './statutory';

const list = (year: number) => statutoryHolidays(year)!.map((d) => `${d.day} ${d.name}`);

describe('statutory holidays of 《全国年节及纪念日放假办法》', () => {
  it('全国年节及纪念日放假办法 第二条 (国务院令第798号): 2027 — 元旦 1, 春节 4 (除夕至初三), 清明 1, 劳动节 2, 端午 1, 中秋 1, 国庆节 3', () => {
    expect(list(2027)).toEqual([
      '2027-01-01 元旦',
      '2027-02-05 春节', // 除夕
      '2027-02-06 春节', // 正月初一
      '2027-02-07 春节',
      '2027-02-08 春节',
      '2027-04-05 清明',
      '2027-05-01 劳动节',
      '2027-05-02 劳动节',
      '2027-06-09 端午',
      '2027-09-15 中秋',
      '2027-10-01 国庆节',
      '2027-10-02 国庆节',
      '2027-10-03 国庆节',
    ]);
  });

  it('全国年节及纪念日放假办法 第二条 (国务院令第798号): every statutory day of 2025 and 2026 is a holiday of the published notice, same name', () => {
    for (const [year, published] of [[2025, DAYS_2025], [2026, DAYS_2026]] as const) {
      const off = new Map(published.filter((d) => d.kind === 'holiday').map((d) => [d.day, d.name]));
      for (const d of statutoryHolidays(year)!) expect([d.day, off.get(d.day)]).toEqual([d.day, d.name]);
      expect(statutoryHolidays(year)).toHaveLength(13);
    }
  });

  it('全国年节及纪念日放假办法 第二条 (国务院令第644号): 2014–2024 春节 is 正月初一至初三 without 除夕, 劳动节 one day', () => {
    const y2024 = list(2024);
    expect(y2024.filter((d) => d.endsWith('春节'))).toEqual(['2024-02-10 春节', '2024-02-11 春节', '2024-02-12 春节']);
    expect(y2024.filter((d) => d.endsWith('劳动节'))).toEqual(['2024-05-01 劳动节']);
    expect(y2024).toHaveLength(11);
  });

  it('全国年节及纪念日放假办法 第二条 (国务院令第513号): 2008–2013 春节 is 除夕、初一、初二', () => {
    expect(list(2013).filter((d) => d.endsWith('春节'))).toEqual(['2013-02-09 春节', '2013-02-10 春节', '2013-02-11 春节']);
  });

  it('a day that is two holidays is listed once, named after both (中秋 on 国庆 2020-10-01)', () => {
    expect(list(2020).filter((d) => d.startsWith('2020-10'))).toEqual(['2020-10-01 中秋、国庆节', '2020-10-02 国庆节', '2020-10-03 国庆节']);
  });

  it('answers null outside the years it can compute', () => {
    expect(statutoryHolidays(2007)).toBeNull();
    expect(statutoryHolidays(2100)).toBeNull();
    expect(statutoryHolidays(2099)).toHaveLength(13);
  });
});

describe('lunar dates and 清明', () => {
  it('places 春节, 除夕, 端午 and 中秋 on their known dates', () => {
    expect(lunarToSolar(2026, 1, 1)).toBe('2026-02-17');
    expect(lunarToSolar(2027, 1, 1)).toBe('2027-02-06');
    expect(lunarNewYearsEve(2027)).toBe('2027-02-05');
    expect(lunarToSolar(2028, 1, 1)).toBe('2028-01-26');
    expect(lunarToSolar(2030, 1, 1)).toBe('2030-02-03');
    expect(lunarToSolar(2027, 5, 5)).toBe('2027-06-09');
    expect(lunarToSolar(2027, 8, 15)).toBe('2027-09-15');
    expect(lunarToSolar(2025, 8, 15)).toBe('2025-10-06'); // after the leap 6th month of 2025
    expect(() => lunarToSolar(2101, 1, 1)).toThrow(/农历数据/);
    expect(() => lunarToSolar(2027, 13, 1)).toThrow(/农历月份/);
  });

  it('清明 is the solar term day', () => {
    expect([2024, 2025, 2026, 2027, 2028].map(qingming)).toEqual(['2024-04-04', '2025-04-04', '2026-04-05', '2027-04-05', '2028-04-04']);
    expect(() => qingming(2100)).toThrow(/2000–2099/);
  });
});
