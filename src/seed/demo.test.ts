import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../testing/context';
import { seedDemoIfEmpty } from './demo';
import { DEMO_PASSWORD, DEMO_USERS } from './demo-users';
import { ROLES } from '../domain/identity/roles';
import { INSTITUTION_KINDS, INSTITUTION_SUBTYPES } from '../domain/registry/enums';
import { verifyPassword } from '../identity/password';
import { isValidUscc } from '../domain/validators/uscc';
import { isValidIdNumber } from '../domain/validators/id-number';
import { listInstitutions } from '../db/institution-repo';
import { scopeOf } from '../domain/identity/territory';
import { loadSessionUser, createSession } from '../db/session-repo';
import { applications } from '../db/schema/index';
import { materialsOf } from '../db/upload-repo';
import { materialStatus } from '../designation/get-application';
import { chinaDate } from '../domain/clock/clock';

let ctx: TestContext;
let seeded: boolean;
let seconds: number;
beforeAll(async () => {
  ctx = await createTestContext();
  const t0 = Date.now();
  seeded = await seedDemoIfEmpty(ctx);
  seconds = (Date.now() - t0) / 1000;
});
afterAll(async () => ctx?.close());

const q = <T>(text: string, params?: unknown[]) => ctx.database.query<T>(text, params);

describe('demo seed', () => {
  it('seeds an empty database quickly', () => {
    expect(seeded).toBe(true);
    console.log(`demo seed: ${seconds.toFixed(1)} s`);
    expect(seconds).toBeLessThan(20);
  });

  it('has users for every role, all with the demo password', async () => {
    const rows = await q<{ username: string; roles: string[]; password_hash: string }>('SELECT username, roles, password_hash FROM users');
    // the demo self-registrants' accounts (src/seed/demo-registrations.ts) are not in DEMO_USERS
    const registrants = await q<{ username: string }>('SELECT u.username FROM users u JOIN registrations r ON r.user_id = u.id');
    expect(rows).toHaveLength(DEMO_USERS.length + registrants.length);
    for (const role of ROLES) expect(rows.some((u) => u.roles.includes(role)), role).toBe(true);
    expect(await verifyPassword(rows.find((u) => u.username === 'admin')!.password_hash, DEMO_PASSWORD)).toBe(true);
    expect(new Set(rows.map((u) => u.password_hash)).size).toBe(1); // hashed once
  });

  it('has institutions of every kind and type, with valid codes', async () => {
    const inst = await q<{ kind: string; subtype: string; uscc: string }>('SELECT kind, subtype, uscc FROM institutions');
    expect(inst.length).toBeGreaterThanOrEqual(250);
    for (const k of INSTITUTION_KINDS) expect(inst.some((i) => i.kind === k), k).toBe(true);
    for (const s of INSTITUTION_SUBTYPES) expect(inst.some((i) => i.subtype === s), s).toBe(true);
    expect(inst.every((i) => isValidUscc(i.uscc))).toBe(true);
    const ids = await q<{ id_number: string; dishonest: boolean }>('SELECT id_number, dishonest FROM persons');
    expect(ids.every((p) => isValidIdNumber(p.id_number))).toBe(true);
    expect(ids.some((p) => p.dishonest)).toBe(true);
    const [filed] = await q<{ n: number }>("SELECT count(*)::int AS n FROM institutions WHERE kind = 'third_party' AND status <> 'filed'");
    expect(filed!.n).toBe(0);
    const [ltc] = await q<{ n: number }>("SELECT count(*)::int AS n FROM institutions WHERE kind = 'ltc' AND region_code NOT LIKE '22%'");
    expect(ltc!.n).toBe(0);
    const rels = await q<{ parent_relation: string }>('SELECT DISTINCT parent_relation FROM institutions WHERE parent_relation IS NOT NULL');
    expect(rels.map((r) => r.parent_relation).sort()).toEqual(['branch', 'chain_store', 'internet_hospital', 'village_clinic', 'yigongti_member']);
  });

  it('gives every institution an organisation and the institution users their own institution', async () => {
    const [missing] = await q<{ n: number }>('SELECT count(*)::int AS n FROM institutions i WHERE NOT EXISTS (SELECT 1 FROM organizations o WHERE o.institution_id = i.id)');
    expect(missing!.n).toBe(0);
    const [hosp] = await q<{ id: string }>("SELECT id FROM users WHERE username = 'inst_hosp'");
    const { token } = await createSession(ctx.db, hosp!.id, ctx.clock.now());
    const user = (await loadSessionUser(ctx.db, token, ctx.clock.now()))!;
    const own = await listInstitutions(ctx.db, scopeOf(user), { page: 1, pageSize: 20 });
    expect(own.items.map((i) => i.name)).toEqual(['昆明市五华区人民医院']);
  });

  it('links the representative\'s demo account to the person registered as the hospital\'s 法定代表人, and names it after them', async () => {
    const [rep] = await q<{ display_name: string; name: string; role: string }>(
      `SELECT u.display_name, p.name, ip.role FROM users u JOIN persons p ON p.id = u.person_id
         JOIN institution_persons ip ON ip.person_id = p.id JOIN organizations o ON o.id = u.org_id AND o.institution_id = ip.institution_id
        WHERE u.username = 'inst_hosp_rep' AND ip.role = 'legal_rep'`);
    expect(rep).toBeDefined();
    expect(rep!.display_name).toBe(rep!.name);
  });

  it('云医保〔2022〕6号 第十八条: the hospital\'s staff account is held by a registered person, so the legal representative can mandate it', async () => {
    const [staff] = await q<{ name: string }>("SELECT p.name FROM users u JOIN persons p ON p.id = u.person_id WHERE u.username = 'inst_hosp'");
    expect(staff?.name).toBe('李医保');
  });

  it('a county agency sees its county, the province agency its province', async () => {
    const scope = async (username: string) => {
      const [u] = await q<{ id: string }>('SELECT id FROM users WHERE username = $1', [username]);
      const { token } = await createSession(ctx.db, u!.id, ctx.clock.now());
      return scopeOf(await loadSessionUser(ctx.db, token, ctx.clock.now()));
    };
    const wuhua = await listInstitutions(ctx.db, await scope('wuhua'), { page: 1, pageSize: 100 });
    expect(wuhua.total).toBeGreaterThan(30);
    expect(wuhua.items.every((i) => i.regionCode === '530102')).toBe(true);
    const yn = await listInstitutions(ctx.db, await scope('yn_prov'), { page: 1, pageSize: 100 });
    expect(yn.total).toBeGreaterThan(wuhua.total);
  });

  it('云医保〔2022〕6号 第九条: demo applications past 受理 carry every required material; the one waiting for 补正 lacks only what its notice lists', async () => {
    const rows = await ctx.db.select().from(applications);
    const byState = new Map(rows.map((r) => [r.state, r]));
    expect([...byState.keys()]).toEqual(expect.arrayContaining(['draft', 'under_review', 'needs_supplement', 'accepted', 'evaluating']));
    for (const r of rows.filter((x) => ['accepted', 'evaluating'].includes(x.state))) {
      expect(materialStatus(r, await materialsOf(ctx.db, r.id)).missing, r.state).toEqual([]);
    }
    const waiting = byState.get('needs_supplement')!;
    const notice = (waiting.data as { supplementNotice: { items: string[]; dueOn?: string; requirements?: Record<string, string> } }).supplementNotice;
    expect(materialStatus(waiting, await materialsOf(ctx.db, waiting.id)).missing.map((m) => m.id)).toEqual(notice.items);
    expect(notice.dueOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(notice.requirements?.licence_copy).toContain('有效期');
  });

  it('has self-registrations waiting in 五华区 and returned in 盘龙区, each in its county agency\'s queue (decision 0027)', async () => {
    const rows = await q<{ status: string; region_code: string; agency_region: string | null; roles: string[] }>(
      'SELECT r.status, r.region_code, o.region_code AS agency_region, u.roles FROM registrations r LEFT JOIN organizations o ON o.id = r.agency_org_id JOIN users u ON u.id = r.user_id ORDER BY r.region_code');
    expect(rows.map((r) => [r.status, r.region_code, r.agency_region])).toEqual([['pending', '530102', '530102'], ['returned', '530103', '530103']]);
    expect(rows.every((r) => r.roles.length === 0)).toBe(true);
  });

  it('a living demo (issue #9): files in 公示, 协商谈判, and one signed by both parties and filed (云医保〔2022〕6号 第十五条至第十九条)', async () => {
    const states = (await q<{ state: string }>('SELECT state FROM applications')).map((r) => r.state);
    // the filed one has gone on to 开通医保结算 (issue #11, decision 0046)
    expect(states).toEqual(expect.arrayContaining(['in_publicity', 'negotiating', 'activated']));
    const [signed] = await q<{ status: string; signatures: number; filing: number; publicity: number }>(`
      SELECT ag.status,
        (SELECT count(*)::int FROM agreement_signatures s WHERE s.agreement_id = ag.id) AS signatures,
        (SELECT count(*)::int FROM documents d WHERE d.application_id = a.id AND d.kind = 'signing_filing') AS filing,
        (SELECT count(*)::int FROM documents d WHERE d.application_id = a.id AND d.kind = 'publicity_notice') AS publicity
      FROM applications a JOIN agreements ag ON ag.application_id = a.id WHERE a.state = 'activated'`);
    expect(signed).toEqual({ status: 'signed', signatures: 2, filing: 1, publicity: 1 });
  });

  it('a living demo (issue #11): the signed designation agreement started its life when payment opened (云医保〔2022〕6号 第二十条)', async () => {
    const [filed] = await q<{ life_state: string; state: string }>(`SELECT ag.life_state, a.state FROM applications a JOIN agreements ag ON ag.application_id = a.id WHERE ag.status = 'signed'`);
    expect(filed).toMatchObject({ life_state: 'in_force', state: 'activated' });
  });

  it('云医保〔2022〕6号 第二十九条: agreements in force with their 医保编码 end next year, and 五华区 has an open December campaign with every proposal, some decided, and its schedule', async () => {
    const year = Number(chinaDate(ctx.clock.now()).slice(0, 4));
    const [ag] = await q<{ n: number; coded: number; next: number }>(`
      SELECT count(*)::int AS n, count(i.yb_code)::int AS coded, count(*) FILTER (WHERE extract(year FROM ag.term_to) = $1)::int AS next
        FROM agreements ag JOIN institutions i ON i.id = ag.institution_id WHERE ag.life_state = 'in_force' AND ag.source = 'import'`, [year + 1]);
    expect(ag!.n).toBeGreaterThan(50);
    expect(ag!.coded).toBe(ag!.n);
    expect(ag!.next).toBe(ag!.n);
    const campaigns = await q<{ id: string; prefix: string; state: string; profile_id: string }>("SELECT id, prefix, state, profile_id FROM renewal_campaigns WHERE prefix = '530102'");
    expect(campaigns).toHaveLength(1);
    expect(campaigns[0]).toMatchObject({ prefix: '530102', state: 'open', profile_id: 'yunnan' });
    const items = await q<{ proposed: string; decided: string | null; state: string }>('SELECT proposed, decided, state FROM renewal_items WHERE campaign_id = $1', [campaigns[0]!.id]);
    // under 云南's rules the screening proposes 续签, 不再签订 or 需人工核定 (no 缓签 list); the agency's decisions include a 缓签
    expect(new Set(items.map((i) => i.proposed))).toEqual(new Set(['renew', 'not_renew', 'manual']));
    expect(new Set(items.map((i) => i.decided).filter(Boolean))).toEqual(new Set(['renew', 'defer', 'not_renew']));
    expect(items.filter((i) => i.state === 'decided').length).toBeGreaterThanOrEqual(4);
    expect(items.some((i) => i.state === 'proposed')).toBe(true);
    const schedule = await q<{ deadline: string }>("SELECT deadline FROM deadlines WHERE case_type = 'renewal_campaign' AND case_id = $1", [campaigns[0]!.id]);
    expect(schedule.map((s) => s.deadline).sort()).toEqual(['decide', 'organise', 'sign']);
  });

  it('京医保发〔2021〕30号 第四十一条: 东城区 decided its campaign and reported it to the city (报市) — the city\'s 市级协商谈判 waits; bj_dongcheng_head reported it', async () => {
    const [c] = await q<{ id: string; profile_id: string; reported_at: Date | null; reporter: string }>(`
      SELECT c.id, c.profile_id, c.reported_at, u.username AS reporter FROM renewal_campaigns c JOIN users u ON u.id = c.reported_by WHERE c.prefix = '110101'`);
    expect(c).toMatchObject({ profile_id: 'beijing', reporter: 'bj_dongcheng_head' });
    expect(c!.reported_at).not.toBeNull();
    const items = await q<{ state: string; n: number }>('SELECT state, count(*)::int AS n FROM renewal_items WHERE campaign_id = $1 GROUP BY state', [c!.id]);
    expect(items.map((i) => i.state)).toEqual(['decided']);
    expect(items[0]!.n).toBeGreaterThan(0);
    const [audit] = await q<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE action = 'renewal_campaign.report' AND entity_id = $1", [c!.id]);
    expect(audit!.n).toBe(1);
  });

  it('does nothing the second time', async () => {
    const [before] = await q<{ n: number }>('SELECT (SELECT count(*) FROM institutions) + (SELECT count(*) FROM users) AS n');
    expect(await seedDemoIfEmpty(ctx)).toBe(false);
    const [after] = await q<{ n: number }>('SELECT (SELECT count(*) FROM institutions) + (SELECT count(*) FROM users) AS n');
    expect(after!.n).toBe(before!.n);
  });
});
