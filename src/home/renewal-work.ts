/**
 * 续签 on the officer's home page (issue #11, decision 0030's providers): each open campaign of the
 * territory with items still undecided, and the day decisions are due (the campaign's schedule).
 * A campaign with nothing left to decide is not listed.
 */
import { scopeOf } from '../domain/identity/territory';
import type { SessionUser } from '../domain/identity/roles';
import { openCampaignsUndecided, reportedCampaignsAwaitingCity } from '../db/renewal-campaign-repo';
import { CITY_STEP_CITATION, isCityAgency } from '../domain/renewal-campaign/city-report';
import { chinaDate } from '../domain/clock/clock';
import { caseActorOf } from '../workflow/actor';
import { myRenewal } from '../renewal-campaigns/read-campaigns';
import { item, SECTION_ITEMS, type HomeProvider } from './home-model';

const isAgency = (u: SessionUser) => u.orgKind === 'agency' && u.roles.some((r) => r === 'agency_officer' || r === 'agency_head');

export const agencyRenewalWork: HomeProvider = async ({ ctx, user, today }) => {
  if (!isAgency(user)) return { sections: [] };
  const rows = await openCampaignsUndecided(ctx.db, scopeOf(user), SECTION_ITEMS);
  if (rows.length === 0) return { sections: [] };
  return {
    sections: [{
      key: 'renewal.undecided', title: '续签待核定', count: rows.reduce((a, r) => a + r.undecided, 0), link: '/renewal', empty: '没有待核定的续签',
      items: rows.map((r) => item({
        id: `renewal:${r.id}`, title: r.title, subtitle: `待核定 ${r.undecided} 项 · 核定截止 ${String(r.decideBy)}`,
        link: `/renewal/${r.id}`, due: String(r.decideBy), count: r.undecided,
        tag: '续签', level: String(r.decideBy) < today ? 'error' : 'warning',
      })),
    }],
  };
};

/**
 * The city's 市级协商谈判 (京医保发〔2021〕30号 第四十一条): the districts' campaigns reported to it, with the items it
 * has still to negotiate. The article sets no period, so no due day: the oldest report first.
 */
export const cityNegotiationWork: HomeProvider = async ({ ctx, user }) => {
  const actor = caseActorOf(user);
  if (!isAgency(user) || actor.kind !== 'user' || !isCityAgency(actor.agencyLevel)) return { sections: [] };
  const rows = await reportedCampaignsAwaitingCity(ctx.db, scopeOf(user), SECTION_ITEMS);
  if (rows.length === 0) return { sections: [] };
  return {
    sections: [{
      key: 'renewal.city', title: '待市级协商谈判的续签', count: rows.reduce((a, r) => a + r.waiting, 0), link: '/renewal?reported=true', empty: '没有待协商谈判的续签',
      items: rows.map((r) => item({
        id: `renewal-city:${r.id}`, title: r.title,
        subtitle: `待协商谈判 ${r.waiting} / ${r.total} 项 · ${r.reportedAt ? `${chinaDate(r.reportedAt)} 报市` : '已报市'}`,
        link: `/renewal/${r.id}`, count: r.waiting, tag: '已报市', level: 'warning', cites: [CITY_STEP_CITATION],
      })),
    }],
  };
};

/**
 * The administrative department's view of the same (issue #11: 「Administrative department: the campaign's
 * progress per region」; it supervises deadlines, 京医保发〔2021〕30号 第四十九条's 监督): each open campaign
 * of its territory with decisions outstanding, how far it is, and whether its decision day has passed.
 * The campaign page (read-only for the department) has the per-region breakdown and chart.
 */
export const deptRenewalProgress: HomeProvider = async ({ ctx, user, today }) => {
  if (!user.roles.includes('admin_dept_officer')) return { sections: [] };
  const rows = await openCampaignsUndecided(ctx.db, scopeOf(user), SECTION_ITEMS);
  if (rows.length === 0) return { sections: [] };
  return {
    sections: [{
      key: 'dept.renewal', title: '辖区续签进度', count: rows.length, link: '/renewal', empty: '没有进行中的续签',
      items: rows.map((r) => {
        const late = String(r.decideBy) < today;
        return item({
          id: `renewal:${r.id}`, title: r.title, subtitle: `已核定 ${r.total - r.undecided} / ${r.total} 项 · 核定截止 ${String(r.decideBy)}`,
          link: `/renewal/${r.id}`, due: String(r.decideBy), count: r.undecided,
          tag: late ? '已过核定截止' : '进行中', level: late ? 'error' : 'info',
        });
      }),
    }],
  };
};

/**
 * The institution's own renewal (issue #11: 「Institution: its renewal status and reasons … signing the new
 * agreement」): each agreement in a campaign until its renewed agreement is signed — what the agency decided and
 * why, or the day it decides by; a renewed agreement waiting for the institution's signature is the work of the day.
 */
export const institutionRenewal: HomeProvider = async ({ ctx, user }) => {
  if (!user.institutionId) return { sections: [] };
  const open = (await myRenewal(ctx, user)).items.filter((r) => r.renewal?.status !== 'signed');
  if (open.length === 0) return { sections: [] };
  const toSign = (r: (typeof open)[number]) => !!r.renewal && !r.renewal.institutionSigned;
  const ordered = [...open.filter(toSign), ...open.filter((r) => !toSign(r))];
  return {
    sections: [{
      key: 'institution.renewal', title: '本机构续签', count: ordered.length, link: '/institution/agreements', empty: '没有进行中的续签',
      items: ordered.slice(0, SECTION_ITEMS).map((r) => {
        const base = { id: `renewal-item:${r.id}`, title: `${r.agreementNumber}（${r.termTo} 期满）`, link: '/institution/agreements' };
        if (r.renewal) {
          return item({ ...base, subtitle: `${r.renewal.formLabel} ${r.renewal.number} · ${r.renewal.statusLabel}`, tag: toSign(r) ? '待签署' : '待经办机构签署', level: toSign(r) ? 'warning' : 'info' });
        }
        // the decision day is the agency's, not the institution's: said in the line, not shown as the institution's 到期日
        if (!r.decided) return item({ ...base, subtitle: `${r.campaignTitle} · ${r.status}（核定截止 ${r.decideBy}）`, tag: '核定中', level: 'info' });
        const level = r.decided === 'renew' ? 'ok' : r.decided === 'defer' ? 'warning' : 'error';
        const fired = r.reasons.find((x) => x.result === 'fires');
        const why = r.reason ?? (fired ? `${fired.message}（${fired.citation}）` : null);
        return item({ ...base, subtitle: `${r.campaignTitle} · ${r.status}${why ? `：${why}` : ''}`, tag: r.status, level });
      }),
    }],
  };
};
