/**
 * Role home pages as work queues (issue #9): "what must I do today", per role, inside the user's
 * territory (属地管理: the same applicationScopeWhere as the work queue, so a 盘龙区 officer never sees
 * 五华区's files). Each provider below answers for the users it concerns; the answer is their sections
 * in this order. Deadlines are the deadline rows of the pipeline, their remaining 工作日 counted on the
 * working-day calendar, each with the articles its profile cites.
 */
import { inArray } from 'drizzle-orm';
import type { AppContext } from '../context';
import type { SessionUser } from '../domain/identity/roles';
import { scopeOf } from '../domain/identity/territory';
import { chinaDate } from '../domain/clock/clock';
import { addDays } from '../domain/calendar/dates';
import { DEADLINES, type DeadlineId } from '../domain/designation/deadlines';
import { DUE_DEADLINES, endOfWeek, FINISHED_STATES, OVERDUE_DEADLINES } from '../domain/designation/queue';
import { stateLabel, STATES, type State } from '../domain/designation/states';
import type { SupplementNotice } from '../domain/designation/application';
import { applicationScopeWhere } from '../db/designation-repo';
import { loadWorkCalendar, listCalendarYears } from '../db/calendar-repo';
import { latestCheckpoint } from '../db/audit-checkpoint-repo';
import { countApplicationsByState, countDeadlinesByDay, listDeadlines, listOpenApplications, type HomeDeadlineRow } from '../db/home-repo';
import { users } from '../db/schema/index';
import { actionableFor } from '../designation/list-queue';
import { listMyPanels } from '../agreements/record-expert-step';
import { listFilingsFor } from '../agreements/acknowledge-filing';
import { listRegistrationQueue } from '../registration/read-registrations';
import { DEMO_USERS } from '../seed/demo-users';
import { PUBLISHED_DEMO_PASSWORD } from '../config';
import { listUnconfirmedDelegations } from '../local-parameters/list-local-parameters';
import { agencyAgreementWork, institutionAgreementNotices } from './agreement-work';
import { agencyRenewalWork, cityNegotiationWork, deptRenewalProgress, institutionRenewal } from './renewal-work';
import { disputeWork } from './dispute-work';
import { agencyRenewalSchedule } from './renewal-schedule-work';
import { item, SECTION_ITEMS, type HomeAnswer, type HomeChart, type HomeInput, type HomeItem, type HomeProvider, type HomeSection } from './home-model';

const isAgency = (u: SessionUser) => u.orgKind === 'agency' && u.roles.some((r) => r === 'agency_officer' || r === 'agency_head');
const appLink = (id: string) => `/applications/${id}`;

function deadlineItem(r: HomeDeadlineRow, input: HomeInput, level: HomeItem['level']): HomeItem {
  const spec = DEADLINES[r.deadline as DeadlineId];
  return item({
    id: `${r.applicationId}:${r.deadline}`,
    title: r.institutionName,
    subtitle: `${spec?.label ?? r.deadline} · ${stateLabel[r.state as State] ?? r.state}${r.applicationNo ? ` · ${r.applicationNo}` : ''}`,
    link: appLink(r.applicationId),
    due: r.dueOn,
    remainingWorkdays: input.calendar.remaining(input.now, r.dueOn).workdays,
    cites: Array.isArray(r.cites) ? (r.cites as string[]) : [],
    level,
  });
}

/** The officer's deadlines: overdue, due today, due later this week; and the next 10 工作日 as a chart. */
const agencyDeadlines: HomeProvider = async (input) => {
  const { ctx, user, today, calendar } = input;
  if (!isAgency(user)) return { sections: [] };
  const scope = applicationScopeWhere(scopeOf(user), user);
  const weekEnd = endOfWeek(today);
  // the next 10 工作日, today included when it is one
  const days: string[] = [];
  for (let d = today; days.length < 10; d = addDays(d, 1)) if (calendar.isWorkday(d).workday) days.push(d);
  const horizon = days[days.length - 1]!;
  const [overdue, dueToday, thisWeek, perDay] = await Promise.all([
    listDeadlines(ctx.db, { scope, deadlineIds: OVERDUE_DEADLINES, to: addDays(today, -1) }, SECTION_ITEMS),
    listDeadlines(ctx.db, { scope, deadlineIds: DUE_DEADLINES, from: today, to: today }, SECTION_ITEMS),
    weekEnd > today
      ? listDeadlines(ctx.db, { scope, deadlineIds: DUE_DEADLINES, from: addDays(today, 1), to: weekEnd }, SECTION_ITEMS)
      : Promise.resolve({ items: [], total: 0 }),
    countDeadlinesByDay(ctx.db, { scope, deadlineIds: DUE_DEADLINES, from: today, to: horizon }),
  ]);
  // a deadline that falls on a rest day is counted on the next 工作日
  const counts = new Map(days.map((d) => [d, 0]));
  for (const { dueOn, n } of perDay) {
    const bucket = days.find((d) => d >= dueOn);
    if (bucket) counts.set(bucket, (counts.get(bucket) ?? 0) + n);
  }
  const chart: HomeChart = { title: '未来10个工作日到期事项', days: days.map((date) => ({ date, count: counts.get(date) ?? 0 })) };
  const sections: HomeSection[] = [
    {
      key: 'deadlines.overdue', title: '已逾期', count: overdue.total, link: '/applications/queue?due=overdue', empty: '没有逾期事项',
      items: overdue.items.map((r) => deadlineItem(r, input, 'error')),
    },
    {
      key: 'deadlines.today', title: '今日到期', count: dueToday.total, link: '/applications/queue?due=today', empty: '今日没有到期事项',
      items: dueToday.items.map((r) => deadlineItem(r, input, 'warning')),
    },
    {
      key: 'deadlines.week', title: '本周内到期', count: thisWeek.total, link: '/applications/queue?due=week', empty: '本周没有其他到期事项',
      items: thisWeek.items.map((r) => deadlineItem(r, input, 'info')),
    },
  ];
  return { sections, chart };
};

/** 待我办理: the files in a state where the transition table offers this user a step, by state. */
const agencyWaiting: HomeProvider = async ({ ctx, user }) => {
  if (!isAgency(user)) return { sections: [] };
  const scope = applicationScopeWhere(scopeOf(user), user);
  const rows = await countApplicationsByState(ctx.db, scope, actionableFor(user), FINISHED_STATES);
  const order = (s: string) => STATES.indexOf(s as State);
  const byState = rows.sort((a, b) => order(a.state) - order(b.state));
  return {
    sections: [{
      key: 'applications.waiting', title: '待我办理的申请', count: byState.reduce((n, r) => n + r.n, 0),
      link: '/applications/queue?mine=todo', empty: '没有待办理的申请',
      items: byState.map((r) => item({
        id: `state:${r.state}`, title: stateLabel[r.state as State] ?? r.state, link: `/applications/queue?mine=todo&state=${r.state}`, count: r.n,
      })),
    }],
  };
};

/** What the institution must answer: 一次性告知补正 and agreements to sign, with their deadlines; then its open files. */
const institutionWork: HomeProvider = async (input) => {
  const { ctx, user } = input;
  if (user.orgKind !== 'institution' || !user.institutionId) return { sections: [] };
  const scope = applicationScopeWhere(scopeOf(user), user);
  const [open, deadlines] = await Promise.all([
    listOpenApplications(ctx.db, scope, FINISHED_STATES, 50),
    listDeadlines(ctx.db, { scope, deadlineIds: DUE_DEADLINES }, 100),
  ]);
  const nextOf = new Map<string, HomeDeadlineRow>();
  for (const d of deadlines.items) if (!nextOf.has(d.applicationId)) nextOf.set(d.applicationId, d);
  const remaining = (due: string | null | undefined) => (due ? input.calendar.remaining(input.now, due).workdays : null);

  const notices: HomeItem[] = [];
  for (const a of open) {
    const data = a.data as { supplementNotice?: SupplementNotice; agreement?: { institutionSignature?: unknown } };
    if (a.state === 'needs_supplement' && data.supplementNotice) {
      const n = data.supplementNotice;
      const items = n.pending ?? n.items;
      const left = remaining(n.dueOn);
      notices.push(item({
        id: `${a.id}:supplement`, title: `一次性告知补正：${items.length}项材料`, subtitle: `${a.applicationNo ?? '定点申请'} · 告知日期 ${n.issuedOn}`,
        link: appLink(a.id), due: n.dueOn ?? null, remainingWorkdays: left, tag: '待补正',
        cites: ['云医保〔2022〕6号 第九条'], level: left !== null && left < 0 ? 'error' : 'warning',
      }));
    }
    if (a.state === 'signing' && !data.agreement?.institutionSignature) {
      const d = nextOf.get(a.id);
      notices.push(item({
        id: `${a.id}:sign`, title: '协议待本机构签署', subtitle: a.applicationNo ?? '定点申请', link: appLink(a.id),
        due: d?.dueOn ?? null, remainingWorkdays: remaining(d?.dueOn), tag: '待签署',
        cites: d && Array.isArray(d.cites) ? (d.cites as string[]) : [], level: 'warning',
      }));
    }
  }
  const openItems = open.slice(0, SECTION_ITEMS).map((a) => {
    const d = nextOf.get(a.id);
    const spec = d ? DEADLINES[d.deadline as DeadlineId] : undefined;
    return item({
      id: a.id, title: a.applicationNo ?? '定点申请（草稿）', subtitle: spec ? `${spec.label}` : null, link: appLink(a.id),
      due: d?.dueOn ?? null, remainingWorkdays: remaining(d?.dueOn), tag: stateLabel[a.state as State] ?? a.state,
      cites: d && Array.isArray(d.cites) ? (d.cites as string[]) : [], level: a.state === 'draft' ? 'warning' : 'info',
    });
  });
  return {
    sections: [
      { key: 'institution.notices', title: '待答复的告知与待签协议', count: notices.length, link: '/applications/mine', empty: '没有待答复的告知', items: notices.slice(0, SECTION_ITEMS) },
      { key: 'institution.applications', title: '本机构办理中的申请', count: open.length, link: '/applications/mine', empty: '没有办理中的申请', items: openItems },
    ],
  };
};

/** The expert's panels still to score, vote or sign (吉医保规〔2023〕1号 第十五条). */
const expertPanels: HomeProvider = async ({ ctx, user }) => {
  if (!user.roles.includes('expert')) return { sections: [] };
  const panels = (await listMyPanels(ctx, user)).filter((p) => p.concluded === null && !p.mine.signed);
  const todo = (p: (typeof panels)[number]) => (p.mine.scores === null ? '待评分' : p.mine.vote === null ? '待表决' : '待签字');
  return {
    sections: [{
      key: 'expert.panels', title: '待评分或签字的评估', count: panels.length, link: '/expert/panels', empty: '没有待办的评估',
      items: panels.slice(0, SECTION_ITEMS).map((p) => item({
        id: p.applicationId, title: p.institutionName, subtitle: p.sheet?.title ?? null, link: '/expert/panels', tag: todo(p), level: 'warning',
      })),
    }],
  };
};

/** The administrative department's filings not yet acknowledged (备案). */
const deptFilings: HomeProvider = async ({ ctx, user }) => {
  if (!user.roles.includes('admin_dept_officer')) return { sections: [] };
  const page = await listFilingsFor(ctx, user, { acknowledged: false, levels: 'all', page: 1, pageSize: SECTION_ITEMS });
  return {
    sections: [{
      key: 'dept.filings', title: '未确认的备案', count: page.total, link: '/filings', empty: '没有未确认的备案',
      items: page.items.map((f) => item({
        id: f.id, title: f.institutionName, subtitle: `${f.title}${f.number ? ` · ${f.number}` : ''}${f.issuerName ? ` · ${f.issuerName}` : ''}`,
        link: '/filings', due: null, tag: f.overdueMarker, level: f.overdueMarker ? 'warning' : 'info',
      })),
    }],
  };
};

/** The system administrator's go-live checklist. */
const sysadminChecklist: HomeProvider = async ({ ctx, user, today, now }) => {
  if (!user.roles.includes('sysadmin')) return { sections: [] };
  const [checkpoint, years, demo] = await Promise.all([
    latestCheckpoint(ctx.db),
    listCalendarYears(ctx.db),
    ctx.db.select({ username: users.username, active: users.active }).from(users).where(inArray(users.username, DEMO_USERS.map((u) => u.username))),
  ]);
  const items: HomeItem[] = [];
  const minutes = ctx.config.AUDIT_CHECKPOINT_MINUTES;
  if (!checkpoint) {
    items.push(item({ id: 'audit', title: '审计日志：尚无签名检查点', subtitle: '服务器运行后定期写入；可在审计日志页校验审计链', link: '/audit', level: 'warning' }));
  } else {
    const ageMin = Math.floor((now.getTime() - new Date(checkpoint.at).getTime()) / 60_000);
    const stale = ageMin > 3 * minutes;
    items.push(item({
      id: 'audit', title: `审计日志：最新签名检查点第 ${checkpoint.n} 个`, subtitle: `${chinaDate(new Date(checkpoint.at))}，至 seq ${checkpoint.maxSeq}；可在审计日志页校验审计链`,
      link: '/audit', level: stale ? 'warning' : 'ok', tag: stale ? `已 ${ageMin} 分钟未写入` : '正常',
    }));
  }
  const year = Number(today.slice(0, 4));
  const have = new Set(years.map((y) => y.year));
  for (const y of [year, year + 1]) {
    items.push(item({
      id: `calendar:${y}`, title: `${y} 年工作日历`, subtitle: have.has(y) ? '已录入' : '未录入：期限按推算的节假日计算（临时结果）',
      link: '/calendar', level: have.has(y) ? 'ok' : y === year ? 'error' : 'warning', tag: have.has(y) ? '已录入' : '待录入',
    }));
  }
  const activeDemo = demo.filter((d) => d.active).length;
  if (activeDemo > 0) {
    const published = !ctx.config.DEMO_PASSWORD || ctx.config.DEMO_PASSWORD === PUBLISHED_DEMO_PASSWORD;
    items.push(item({
      id: 'demo', title: `演示账号：${activeDemo} 个仍可登录`, subtitle: published ? `使用公开的演示密码（${PUBLISHED_DEMO_PASSWORD}），正式上线前须停用` : '正式上线前须停用',
      link: '/', level: published ? 'error' : 'warning', tag: '上线前停用', count: activeDemo,
    }));
  } else {
    items.push(item({ id: 'demo', title: '演示账号：无', link: '/', level: 'ok', tag: '正常' }));
  }
  if (ctx.config.SANDBOX) items.push(item({ id: 'sandbox', title: '模拟时钟已开启（培训环境）', subtitle: '正式环境不得开启 SANDBOX', link: '/', level: 'warning', tag: '培训' }));
  const open = items.filter((i) => i.level === 'warning' || i.level === 'error').length;
  return { sections: [{ key: 'sysadmin.checklist', title: '系统检查清单', count: open, link: null, empty: '全部正常', items }] };
};

/** The agency's self-registrations waiting in its own queue (机构注册待审核; decision 0027). */
const agencyRegistrations: HomeProvider = async ({ ctx, user }) => {
  if (user.orgKind !== 'agency' || !user.roles.some((r) => r === 'agency_officer' || r === 'agency_head')) return { sections: [] };
  const page = await listRegistrationQueue(ctx, user, { status: 'pending', mine: true, sort: 'submittedAt', order: 'asc', page: 1, pageSize: SECTION_ITEMS });
  return {
    sections: [{
      key: 'agency.registrations', title: '待审核的机构注册', count: page.total, link: '/registrations', empty: '没有待审核的机构注册',
      items: page.items.map((r) => item({
        id: r.id, title: r.name, subtitle: `${r.kindLabel} · ${r.uscc} · 提交于 ${chinaDate(new Date(r.submittedAt))}`, link: '/registrations', tag: r.statusLabel, level: 'warning',
      })),
    }],
  };
};

/**
 * 部署检查 (decision 0031): the parameters and lists the texts leave to the pooling region that are
 * still on the province's example value — for the agency heads (their territory) and the sysadmin.
 */
const localParameterChecklist: HomeProvider = async ({ ctx, user }) => {
  if (!user.roles.includes('sysadmin') && !(user.orgKind === 'agency' && user.roles.includes('agency_head'))) return { sections: [] };
  const all = await listUnconfirmedDelegations(ctx, user);
  if (all.length === 0 && !user.roles.includes('sysadmin')) return { sections: [] };
  return {
    sections: [{
      key: 'local-parameters', title: '统筹地区参数：待确认的示例值', count: all.length, link: '/local-parameters',
      empty: '交由统筹地区确定的参数均已设置',
      items: all.slice(0, SECTION_ITEMS).map((c) => item({
        id: `local:${c.regionCode}:${c.key}`, title: `${c.regionName}：${c.label}`, subtitle: c.example,
        link: `/local-parameters?region=${c.regionCode}`, cites: [c.delegatedBy], tag: '待统筹地区确定', level: 'warning',
      })),
    }],
  };
};

/**
 * The providers, in the order their sections appear. Extension point: a new kind of work is one
 * more provider appended here.
 */
export const HOME_PROVIDERS: HomeProvider[] = [
  agencyDeadlines, agencyWaiting, agencyRegistrations, agencyAgreementWork, agencyRenewalWork, cityNegotiationWork, agencyRenewalSchedule, disputeWork, institutionWork, institutionAgreementNotices, institutionRenewal,
  expertPanels, deptFilings, deptRenewalProgress, sysadminChecklist, localParameterChecklist,
];

export async function loadHome(ctx: AppContext, user: SessionUser, providers: readonly HomeProvider[] = HOME_PROVIDERS): Promise<HomeAnswer> {
  const now = ctx.clock.now();
  const today = chinaDate(now);
  const calendar = await loadWorkCalendar(ctx.db);
  const input: HomeInput = { ctx, user, now, today, calendar };
  const answers = await Promise.all(providers.map((p) => p(input)));
  return {
    today,
    sections: answers.flatMap((a) => a.sections),
    chart: answers.find((a) => a.chart)?.chart ?? null,
  };
}
