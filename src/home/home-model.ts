/**
 * What a role home page shows (GET /api/home): work lists ("sections"), each with a count, a few
 * items and a link to where the work is done. A section comes from a provider (load-home.ts
 * `HOME_PROVIDERS`); a new kind of work — e.g. 机构注册待核验 — is one more provider there.
 */
import type { AppContext } from '../context';
import type { SessionUser } from '../domain/identity/roles';
import type { WorkCalendar } from '../domain/calendar/work-calendar';

export interface HomeItem {
  id: string;
  title: string;
  subtitle: string | null;
  /** where the work is done (a web path) */
  link: string;
  /** China date by which it is due, if any */
  due: string | null;
  /** 工作日 from today to `due` on the working-day calendar (negative: overdue) */
  remainingWorkdays: number | null;
  /** the statute of the deadline, as cited by the case's policy profile */
  cites: string[];
  tag: string | null;
  level: 'ok' | 'info' | 'warning' | 'error';
  /** a count the item stands for (an application state with 5 files) */
  count: number | null;
}

export interface HomeSection {
  key: string;
  title: string;
  /** how many there are in all (the items are the first few) */
  count: number;
  link: string | null;
  /** what an empty section says */
  empty: string;
  items: HomeItem[];
}

export interface HomeChart {
  title: string;
  days: { date: string; count: number }[];
}

export interface HomeAnswer {
  today: string;
  sections: HomeSection[];
  /** the officer's due items per 工作日 for the next 10 工作日 */
  chart: HomeChart | null;
}

export interface HomeInput {
  ctx: AppContext;
  user: SessionUser;
  now: Date;
  today: string;
  calendar: WorkCalendar;
}

/** A source of home-page work for some users: answers [] for a user it does not concern. */
export type HomeProvider = (input: HomeInput) => Promise<{ sections: HomeSection[]; chart?: HomeChart | null }>;

export const item = (x: Partial<HomeItem> & Pick<HomeItem, 'id' | 'title' | 'link'>): HomeItem => ({
  subtitle: null, due: null, remainingWorkdays: null, cites: [], tag: null, level: 'info', count: null, ...x,
});

/** How many items a section lists (the count says the rest). */
export const SECTION_ITEMS = 10;
