import { afterEach, describe, expect, it } from 'vitest';
import { chinaDay, chinaTime, chinaToday, procedureNow, setProcedureTime } from './china-date';

describe('times shown in China whatever the viewer\'s zone', () => {
  it('a 报市 at 05:39 in China (21:39 UTC the day before) reads 12-06 — the UTC text\'s first ten characters say 12-05', () => {
    const iso = '2026-12-05T21:39:07.123Z';
    expect(iso.slice(0, 10)).toBe('2026-12-05');
    expect(chinaDay(iso)).toBe('2026-12-06');
    expect(chinaTime(iso)).toBe('2026-12-06 05:39');
    expect(chinaTime(iso, true)).toBe('2026-12-06 05:39:07');
  });

  it('midnight in China is 00:00, not 24:00, and a Date works like its text', () => {
    const d = new Date('2026-12-31T16:00:00Z');
    expect(chinaTime(d)).toBe('2027-01-01 00:00');
    expect(chinaDay(d)).toBe('2027-01-01');
  });
});

describe('today on the procedure clock, not the viewer\'s', () => {
  afterEach(() => setProcedureTime(undefined));

  it('a sandbox moved 181 days ahead: today is its day, and stays ahead as real time passes', () => {
    const ahead = new Date(Date.now() + 181 * 86_400_000);
    setProcedureTime(ahead.toISOString());
    expect(chinaToday()).toBe(chinaDay(ahead));
    expect(Math.abs(procedureNow().getTime() - ahead.getTime())).toBeLessThan(5_000);
  });

  it('without a session answer (or with an unreadable one) the viewer\'s clock stands in', () => {
    setProcedureTime('not a time');
    expect(chinaToday()).toBe(chinaDay(new Date()));
  });
});
