/**
 * Server timestamps shown as the time in China (Asia/Shanghai), whatever the zone of the viewer's machine.
 * Timestamps travel as UTC ISO text. Cutting the first 10 characters gives the UTC day, which is yesterday in
 * China before 08:00 (a 报市 at 05:39 on 12-06 read "12-05" on one page and "12-06" on the home page, whose server
 * wrote the China day); `dayjs(v).format` gives the browser's zone, which differs on a laptop set to UTC or a
 * clerk travelling. A record's time — received, issued, signed, audited — is the agency's, in China.
 */
const DAY = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });
const MINUTE = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const SECOND = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });

const asDate = (v: string | Date) => (typeof v === 'string' ? new Date(v) : v);

/** `2026-12-06`: the day in China */
export const chinaDay = (v: string | Date): string => DAY.format(asDate(v));

/** `2026-12-06 05:39` (or with seconds): the time in China */
export const chinaTime = (v: string | Date, seconds = false): string => (seconds ? SECOND : MINUTE).format(asDate(v));

/**
 * "Today" for the agency is the procedure clock's day, which the server sends with the session
 * (`procedureTime`): a clerk's machine may be set wrong, and a sandbox whose clock was moved forward
 * (to walk a 180-day deadline) is ahead of every browser. The offset is kept; until a session answered,
 * the viewer's clock stands in (the public pages have no session).
 */
let offsetMs = 0;

/** Records the server's procedure time as of now. */
export function setProcedureTime(iso: string | undefined): void {
  const t = iso ? Date.parse(iso) : Number.NaN;
  offsetMs = Number.isFinite(t) ? t - Date.now() : 0;
}

/** The procedure clock's current instant. */
export const procedureNow = (): Date => new Date(Date.now() + offsetMs);

/** `2026-12-06`: today in China on the procedure clock */
export const chinaToday = (): string => chinaDay(procedureNow());

/** A timestamp that may be absent, to the second, or a dash (delivery logs, webhooks). */
export const chinaTimeOrDash = (v: string | null | undefined): string => (v ? chinaTime(v, true) : '—');
