/**
 * `npm run bench:renewal` — the 续签 screening at national scale (issue #11, "Scale"): ~1.1 M designated
 * institutions (bench/generate.ts, BENCH_COUNT to scale down), one agreement each (the lifecycle
 * benchmark's realistic mix: bench/lifecycle/agreements.ts), licences, a few requests, proposals and
 * pending changes, and the imported data a province would hold (bench/renewal/facts.ts); one province
 * runs the 2025 draft's profile so that all 19 situations are screened. Then, in the same run:
 *
 *   (a) the hand-written SQL pass (bench/renewal/sql-pass.ts): per province, one INSERT … SELECT that
 *       screens its agreements and writes one item each — in a transaction rolled back;
 *   (b) `openCampaign` (src/renewal-campaigns/open-campaign.ts), the application's own path: per
 *       province, its agency opens a campaign over the same window — keyset pages of 2 000, the facts
 *       in a handful of statements per page, the pure rules per agreement, COPY of the items, one
 *       transaction, one audit row;
 *   (c) the what-if over the largest province's campaign and over the draft province's (the baseline
 *       and a variant with two years without settlement), nothing written.
 *
 * Checks that (a) and (b) give the same count per outcome in every province, prints the times, the
 * ratio (target ≤ 1.5×), the total (target ≤ 60 s), the what-if times (target ≤ 10 s) and the peak RSS.
 *
 * Env: BENCH_COUNT (1 100 000), BENCH_RENEWAL_URL (postgres://…/dingdian_bench_renewal),
 * BENCH_RENEWAL_TODAY (2026-12-01), BENCH_RENEWAL_WINDOW (all | year: every agreement, or next year's expiries),
 * BENCH_RENEWAL_SEED=0 (keep the agreements and facts of the last run).
 */
import os from 'node:os';
import pg from 'pg';
import { DEFAULT_COUNT, generate } from '../generate';
import { seedAgreements } from '../lifecycle/agreements';
import { openDatabase } from '../../src/db/client';
import { loadConfig } from '../../src/config';
import { FixedClock } from '../../src/domain/clock/clock';
import type { AppContext } from '../../src/context';
import type { SessionUser } from '../../src/domain/identity/roles';
import { openCampaign } from '../../src/renewal-campaigns/open-campaign';
import { renewalDefaults, screenAgreements } from '../../src/renewal-campaigns/screen-agreements';
import { runWhatIf } from '../../src/renewal-campaigns/what-if';
import { paramsFrom, rulesOf } from '../../src/domain/renewal-screening/screen';
import { workflowProfileOf } from '../../src/domain/designation/profiles';
import { renewalSqlPass } from './sql-pass';
import { seedRenewalFacts, DRAFT_PROVINCE, INDICATORS_CTE } from './facts';

const count = Number(process.env.BENCH_COUNT ?? DEFAULT_COUNT);
const url = process.env.BENCH_RENEWAL_URL ?? 'postgres://postgres@127.0.0.1:5432/dingdian_bench_renewal';
const today = process.env.BENCH_RENEWAL_TODAY ?? '2026-12-01';
const windowKind = process.env.BENCH_RENEWAL_WINDOW ?? 'all';
const year = Number(today.slice(0, 4)) + 1;
const window = windowKind === 'year' ? { from: `${year}-01-01`, to: `${year}-12-31` } : { from: today, to: `${year + 3}-12-31` };
const decideBy = `${year - 1}-12-31`;

const secs = (ms: number) => (ms / 1000).toFixed(2);
const OUT = ['renew', 'defer', 'not_renew', 'manual'] as const;
type Counts = Record<(typeof OUT)[number], number>;
const fmt = (c: Counts) => OUT.map((o) => c[o]).join(' / ');

interface Province { code: string; name: string; profileId: string; orgId: string; userId: string; agreements: number }

/** One provincial agency and one officer per province (the campaign's owner and the audit's actor). */
async function provinces(c: pg.Client): Promise<Province[]> {
  const { rows } = await c.query<{ code: string; name: string; profile_id: string | null; n: string }>(`
    SELECT r.code, r.name, r.profile_id, (SELECT count(*) FROM agreements a WHERE a.region_code LIKE left(r.code, 2) || '%'
        AND a.life_state IN ('in_force', 'suspended') AND a.term_to BETWEEN $1::date AND $2::date) AS n
      FROM regions r WHERE r.level = 'province' ORDER BY r.code`, [window.from, window.to]);
  const out: Province[] = [];
  for (const r of rows) {
    if (Number(r.n) === 0) continue;
    const name = `${r.name}医疗保障事业管理局（基准测试）`;
    const org = await c.query<{ id: string }>(`SELECT id FROM organizations WHERE name = $1`, [name]);
    const orgId = org.rows[0]?.id ?? (await c.query<{ id: string }>(`INSERT INTO organizations (kind, name, level, region_code) VALUES ('agency', $1, 'province', $2) RETURNING id`, [name, r.code])).rows[0]!.id;
    const username = `bench_renewal_${r.code}`;
    const u = await c.query<{ id: string }>(`SELECT id FROM users WHERE username = $1`, [username]);
    const userId = u.rows[0]?.id ?? (await c.query<{ id: string }>(`INSERT INTO users (username, display_name, password_hash, org_id, roles) VALUES ($1, $2, 'x', $3, ARRAY['agency_officer']) RETURNING id`, [username, `${r.name}续签经办`, orgId])).rows[0]!.id;
    out.push({ code: r.code, name: r.name, profileId: r.profile_id ?? 'national', orgId, userId, agreements: Number(r.n) });
  }
  return out;
}

const userOf = (p: Province): SessionUser => ({
  id: p.userId, username: `bench_renewal_${p.code}`, displayName: '续签经办', roles: ['agency_officer'], orgId: p.orgId, orgName: `${p.name}医疗保障事业管理局`,
  orgKind: 'agency', orgLevel: 'province', orgRegionCode: p.code, institutionId: null, csrfToken: '',
});

async function main() {
  if (!/bench/.test(new URL(url).pathname)) throw new Error(`refusing to use ${url}: the database name must contain "bench"`);
  console.log(`\n# Renewal: screening a campaign — ${count.toLocaleString('en')} institutions, today ${today}, window ${window.from} … ${window.to}`);
  console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, load ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  const gen = await generate({ url, count });
  if (gen.generated) console.log(`registry generated in ${gen.seconds.toFixed(0)} s`);
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(`DELETE FROM renewal_items`);
    await c.query(`DELETE FROM renewal_campaigns`);
    let t = performance.now();
    if (process.env.BENCH_RENEWAL_SEED !== '0') {
      const due = await seedAgreements(c, today);
      const facts = await seedRenewalFacts(c, today);
      console.log(`agreements: ${due.agreements.toLocaleString('en')}; ${facts} (${secs(performance.now() - t)} s)`);
    } else {
      console.log('agreements and facts of the last run kept (BENCH_RENEWAL_SEED=0)');
    }
    const ps = await provinces(c);
    const inScope = ps.reduce((s, p) => s + p.agreements, 0);
    console.log(`in scope: ${inScope.toLocaleString('en')} agreements in ${ps.length} provinces (profiles: ${[...new Set(ps.map((p) => p.profileId))].join(', ')})`);

    // (a) the hand-written SQL pass, per province, rolled back
    const sqlPass = renewalSqlPass(INDICATORS_CTE);
    const sqlCounts = new Map<string, Counts>();
    await c.query('BEGIN');
    t = performance.now();
    for (const p of ps) {
      const prof = p.profileId;
      const params = paramsFrom(prof, renewalDefaults(prof));
      const rules = rulesOf(workflowProfileOf(prof)).map(({ rule }) => rule.id).filter((id) => !params.disabled.includes(id));
      const last = params.settlementYear ?? Number(today.slice(0, 4)) - 1;
      const years = Array.from({ length: params.settlementAbsentYears }, (_, i) => last - i);
      const { rows: [camp] } = await c.query<{ id: string }>(`INSERT INTO renewal_campaigns (agency_org_id, region_code, prefix, profile_id, year, title, window_from, window_to, decide_by, state, params, counts, created_at)
        VALUES ($1, $2, $3, $4, $5, 'SQL pass', $6, $7, $8, 'open', '{}', '{}', now()) RETURNING id`, [p.orgId, p.code, p.code.slice(0, 2), prof, year, window.from, window.to, decideBy]);
      await c.query(sqlPass, [camp!.id, p.code.slice(0, 2), window.from, window.to, today, decideBy, rules, years, params.suspensionMaxDays, params.coachingMonths]);
      const { rows } = await c.query<{ proposed: keyof Counts; n: string }>(`SELECT proposed, count(*) AS n FROM renewal_items WHERE campaign_id = $1 GROUP BY 1`, [camp!.id]);
      sqlCounts.set(p.code, Object.fromEntries(OUT.map((o) => [o, Number(rows.find((r) => r.proposed === o)?.n ?? 0)])) as Counts);
    }
    const sqlMs = performance.now() - t;
    await c.query('ROLLBACK');
    console.log(`(a) hand-written SQL, one statement per province: ${secs(sqlMs)} s (rolled back)`);

    // (b) the application: each provincial agency opens its campaign
    const database = await openDatabase({ url, migrate: false });
    const config = loadConfig({ NODE_ENV: 'production', SEED_DEMO: '0', HOST: '127.0.0.1', PORT: '0' });
    const ctx: AppContext = { database, db: database.db, clock: new FixedClock(`${today}T09:00:00+08:00`), config };
    const appCounts = new Map<string, Counts>();
    const campaignOf = new Map<string, string>();
    let appMs = 0;
    let worst = { code: '', ms: 0 };
    // where the application's time goes: the screening of each page (facts + rules) vs the rest (paging, the COPY)
    let screenMs = 0;
    const timedScreen: typeof screenAgreements = async (...args) => {
      const ts = performance.now();
      try { return await screenAgreements(...args); } finally { screenMs += performance.now() - ts; }
    };
    try {
      for (const p of ps) {
        const tp = performance.now();
        const camp = await openCampaign(ctx, userOf(p), { year, windowFrom: window.from, windowTo: window.to, decideBy }, timedScreen, renewalDefaults);
        const ms = performance.now() - tp;
        appMs += ms;
        if (ms > worst.ms) worst = { code: p.code, ms };
        appCounts.set(p.code, camp.counts as Counts);
        campaignOf.set(p.code, camp.id);
      }
      console.log(`(b) openCampaign (the application), one campaign per province: ${secs(appMs)} s — slowest ${worst.code} ${secs(worst.ms)} s; of which screening (facts + rules) ${secs(screenMs)} s, paging and writing the items ${secs(appMs - screenMs)} s`);

      // the same outcomes?
      let mismatches = 0;
      const total: Counts = { renew: 0, defer: 0, not_renew: 0, manual: 0 };
      for (const p of ps) {
        const a = sqlCounts.get(p.code)!, b = appCounts.get(p.code)!;
        for (const o of OUT) total[o] += b[o];
        if (OUT.some((o) => a[o] !== b[o])) {
          mismatches += 1;
          console.log(`  MISMATCH ${p.code} ${p.name} (${p.profileId}): SQL ${fmt(a)} vs application ${fmt(b)} (续签 / 缓签 / 不再签订 / 需人工核定)`);
        }
      }
      console.log(`outcomes (续签 / 缓签 / 不再签订 / 需人工核定): ${fmt(total)}; provinces whose counts differ: ${mismatches}`);
      if (mismatches) process.exitCode = 1;

      // (c) what-if: two years without settlement instead of one
      const largest = [...ps].sort((x, y) => y.agreements - x.agreements)[0]!;
      const draft = ps.find((p) => p.code === DRAFT_PROVINCE);
      const whatIfs: string[] = [];
      for (const p of [largest, ...(draft && draft !== largest ? [draft] : [])]) {
        const tw = performance.now();
        const w = await runWhatIf(ctx, userOf(p), campaignOf.get(p.code)!, { params: { settlementAbsentYears: 2 } });
        const ms = performance.now() - tw;
        whatIfs.push(`| what-if ${p.name} (${p.profileId}), ${p.agreements.toLocaleString('en')} agreements, 2 years without settlement | ${secs(ms)} | changed ${w.changed}: ${fmt(w.counts.baseline)} → ${fmt(w.counts.variant)} | ${ms <= 10_000 ? 'met (≤ 10 s)' : 'NOT met (≤ 10 s)'} |`);
      }

      const rss = process.resourceUsage().maxRSS / 1024;
      console.log(`\n| path | seconds | result | target |`);
      console.log(`|---|--:|---|---|`);
      console.log(`| hand-written SQL (one INSERT … SELECT per province; rule ids, no messages, facts or citations) | ${secs(sqlMs)} | ${inScope.toLocaleString('en')} items | — |`);
      console.log(`| openCampaign per province (the application: pages of 2 000, pure rules, COPY, one transaction each) | ${secs(appMs)} | ${inScope.toLocaleString('en')} items, ${(appMs / inScope * 1000).toFixed(1)} µs each | ${appMs <= 60_000 ? 'met' : 'NOT met'} (≤ 60 s); ratio ${(appMs / sqlMs).toFixed(2)}× ${appMs / sqlMs <= 1.5 ? 'met' : 'NOT met'} (≤ 1.5×) |`);
      for (const l of whatIfs) console.log(l);
      console.log(`\npeak RSS of this process: ${rss.toFixed(0)} MB`);
    } finally {
      await database.close();
    }
  } finally {
    await c.end();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack ?? e.message : e);
  process.exit(1);
});
