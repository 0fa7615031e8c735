import { eq, sql } from 'drizzle-orm';
import type { AppContext } from '../context';
import type { Tx } from '../db/client';
import { institutions, institutionPersons, licences, persons, practiceSites, regions, users } from '../db/schema/index';
import { insertOrganizations } from '../db/organization-repo';
import { appendAudit } from '../db/audit-repo';
import { hashPassword } from '../identity/password';
import { buildSearchTokens } from '../domain/registry/search-tokens';
import { withIdCheck } from '../domain/validators/id-number';
import { DEMO_DRAFT_PROFILE, seedRegions } from './regions';
import { DEMO_ORGS, DEMO_PASSWORD, DEMO_USERS } from './demo-users';
import { buildDemoInstitutions, type DemoInstitution } from './demo-institutions';

/**
 * Seeds the demo deployment — 云南 (省, 昆明市, 五华区, 盘龙区), 北京 (市, 东城区, 朝阳区),
 * 吉林 (省本级, 长春市 + 南关区, 延边州 + 延吉市) — when the registry is empty:
 * regions, the statutory calendar, organisations, ~300 institutions and the demo logins
 * (src/seed/demo-users.ts, password DEMO_PASSWORD). One transaction, multi-row inserts,
 * one argon2 hash shared by every demo account. Returns false when there was something already.
 */
export async function seedDemoIfEmpty(ctx: AppContext): Promise<boolean> {
  const [existing] = await ctx.db.select({ id: institutions.id }).from(institutions).limit(1);
  if (existing) return false;

  try {
    const { seedCalendar } = await import('./calendar-seed');
    await seedCalendar(ctx);
  } catch (e) {
    console.warn(`演示数据：未能写入法定节假日日历（${e instanceof Error ? e.message : String(e)}），跳过`);
  }

  // production demos (explicit SEED_DEMO=1) must use their own password; see src/config.ts
  const passwordHash = await hashPassword(ctx.config.DEMO_PASSWORD ?? DEMO_PASSWORD);
  const insts = buildDemoInstitutions();
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await seedRegions(tx);
    // the 2025 draft names no province (decision 0043): the demo runs it in 广西壮族自治区, so the public site offers it
    await tx.update(regions).set({ profileId: DEMO_DRAFT_PROFILE.profileId }).where(eq(regions.code, DEMO_DRAFT_PROFILE.province));
    const orgs = await insertOrganizations(tx, DEMO_ORGS.map(({ kind, name, level, regionCode }) => ({ kind, name, level, regionCode })));
    const orgId = new Map(DEMO_ORGS.map((o, i) => [o.key, orgs[i]!.id]));
    await insertInstitutions(tx, insts, now);
    const instOrgs = await insertOrganizations(tx, insts.map((i) => ({ kind: 'institution' as const, name: i.name, level: 'county' as const, regionCode: i.regionCode, institutionId: i.id })));
    insts.forEach((inst, i) => orgId.set(`inst:${inst.key}`, instOrgs[i]!.id));

    await tx.insert(users).values(DEMO_USERS.map((u) => {
      const org = orgId.get(u.orgKey);
      if (!org) throw new Error(`demo user ${u.username}: unknown organisation ${u.orgKey}`);
      return { username: u.username, displayName: u.displayName, passwordHash, orgId: org, roles: u.roles, specialties: u.specialties ?? [] };
    })).onConflictDoNothing({ target: users.username });
    // the demo experts as entries of their pools (decision 0028)
    await (await import('./demo-experts')).seedDemoExperts(tx, new Map(orgs.map((o) => [o.id, o.regionCode ?? ''])), now);
    // the representative's account: linked to the registered person, named as they are
    for (const u of DEMO_USERS.filter((x) => x.legalRep)) {
      const inst = insts.find((i) => `inst:${i.key}` === u.orgKey);
      const rep = inst?.persons.find((p) => p.role === 'legal_rep');
      if (!inst || !rep) throw new Error(`demo user ${u.username}: no legal representative registered for ${u.orgKey}`);
      await tx.execute(sql`UPDATE users SET person_id = p.id, display_name = p.name FROM persons p WHERE p.id_number = ${rep.person.idNumber} AND users.username = ${u.username}`);
    }

    // staff accounts held by a registered person (the agent of a 授权委托书 is that person)
    for (const u of DEMO_USERS.filter((x) => x.person)) {
      const idNumber = withIdCheck(u.person!.idBody17);
      await tx.insert(persons).values({ idNumber, name: u.person!.name }).onConflictDoNothing({ target: persons.idNumber });
      await tx.execute(sql`UPDATE users SET person_id = p.id FROM persons p WHERE p.id_number = ${idNumber} AND users.username = ${u.username}`);
    }

    await appendAudit(tx, now, {
      actor: null, action: 'demo.seed', entityType: 'system', entityId: 'demo',
      after: { organizations: orgs.length + instOrgs.length, institutions: insts.length, users: DEMO_USERS.length },
    });
  });
  // templates first: a demo file reaches 协议学习 and signing (issue #9)
  await (await import('./demo-templates')).seedDemoTemplates(ctx);
  await (await import('./demo-applications')).seedDemoApplications(ctx);
  await (await import('./demo-registrations')).seedDemoRegistrations(ctx);
  // agreements in force ending next year and 五华区's December renewal campaign (decision 0046)
  await (await import('./demo-renewal')).seedDemoRenewal(ctx);
  return true;
}

async function insertInstitutions(tx: Tx, insts: DemoInstitution[], now: Date): Promise<void> {
  const chunk = <T>(xs: T[], n: number) => Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, i * n + n));
  for (const part of chunk(insts, 100)) {
    await tx.insert(institutions).values(part.map(({ key: _k, persons: _p, licences: _l, sites: _s, ...row }) => ({
      ...row, searchTokens: buildSearchTokens(row.name, row.regionCode), createdAt: now, updatedAt: now,
    })));
  }
  // persons are shared (a chain's owner signs for every store): one row per 身份证号
  const people = new Map(insts.flatMap((i) => i.persons.map((p) => [p.person.idNumber, p.person] as const)));
  const personId = new Map<string, string>();
  for (const part of chunk([...people.values()], 200)) {
    const rows = await tx.insert(persons).values(part.map((p) => ({
      idNumber: p.idNumber, name: p.name, phone: p.phone, dishonest: p.dishonest,
      dishonestNote: p.dishonest ? '列入严重失信主体名单（演示数据）' : null,
    }))).returning({ id: persons.id, idNumber: persons.idNumber });
    for (const r of rows) personId.set(r.idNumber, r.id);
  }
  const links = new Map(insts.flatMap((i) => i.persons.map((p) => {
    const row = { institutionId: i.id, personId: personId.get(p.person.idNumber)!, role: p.role, fromDate: p.fromDate };
    return [`${row.institutionId}|${row.personId}|${row.role}|${row.fromDate}`, row] as const;
  })));
  for (const part of chunk([...links.values()], 300)) await tx.insert(institutionPersons).values(part);
  for (const part of chunk(insts.flatMap((i) => i.licences.map((l) => ({ ...l, institutionId: i.id }))), 300)) await tx.insert(licences).values(part);
  for (const part of chunk(insts.flatMap((i) => i.sites.map((s) => ({ ...s, institutionId: i.id }))), 300)) await tx.insert(practiceSites).values(part);
}
