/**
 * The day in China (Asia/Shanghai) of a server timestamp. Timestamps travel as UTC ISO text; cutting
 * its first 10 characters gives the UTC day, which is yesterday in China before 08:00 — a 报市 at
 * 05:39 on 12-06 read "12-05" on one page and "12-06" on the home page (whose server wrote the China day).
 */
const day = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

export const chinaDay = (iso: string | Date): string => day.format(typeof iso === 'string' ? new Date(iso) : iso);
