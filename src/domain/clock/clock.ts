/**
 * Every "now" in dingdian comes from a Clock. Production uses the system clock;
 * tests inject a FixedClock; a training deployment may run a SandboxClock whose
 * offset an administrator moves forward (see server/routes/admin-clock.ts).
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock for tests: starts at a given instant and moves only when told. */
export class FixedClock implements Clock {
  private current: number;
  constructor(start: Date | string) {
    this.current = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.current);
  }
  set(to: Date | string): void {
    this.current = new Date(to).getTime();
  }
  advance(ms: number): void {
    this.current += ms;
  }
  advanceDays(days: number): void {
    this.advance(days * 86_400_000);
  }
}

/** System time plus an offset that only moves forward (sandbox / training mode). */
export class SandboxClock implements Clock {
  constructor(
    /** the clock the offset is added to (real time) */
    readonly base: Clock = systemClock,
    public offsetMs = 0,
  ) {}
  now(): Date {
    return new Date(this.base.now().getTime() + this.offsetMs);
  }
}

/**
 * The clock of sessions and login lockouts: real time even in a sandbox. Simulated time is for the
 * procedure (deadlines, documents, audit); a trainer who jumps 3 months ahead must not log
 * everyone out, nor lift an account's lockout. Tests' FixedClock is its own real time.
 */
export function sessionClock(clock: Clock): Clock {
  return clock instanceof SandboxClock ? clock.base : clock;
}

/** The calendar date (YYYY-MM-DD) of an instant in China Standard Time (UTC+8, no DST). */
export function chinaDate(d: Date): string {
  return new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}
