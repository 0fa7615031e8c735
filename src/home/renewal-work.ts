/**
 * 续签 on the officer's home page (issue #11, decision 0030's providers): each open campaign of the
 * territory with items still undecided, and the day decisions are due (the campaign's schedule).
 * A campaign with nothing left to decide is not listed.
 */
import { scopeOf } from '../domain/identity/territory';
import type { SessionUser } from '../domain/identity/roles';
import { openCampaignsUndecided } from '../db/renewal-campaign-repo';
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
