/**
 * Test support for the outer pipeline: a small world (regions, agencies, an administrative
 * department, an institution with its staff, an expert) and applications placed directly in a
 * given state, so that each test starts where its step begins. Used by *.test.ts only.
 */
import { randomUUID } from 'node:crypto';
import { applications, institutions } from '../db/schema/index';
import { buildOrg, buildUser, sessionHeaders } from '../testing/factories';
import type { AppContext } from '../context';
import type { Role } from '../domain/identity/roles';
import type { State } from '../domain/designation/states';
import { buildSearchTokens } from '../domain/registry/search-tokens';

let n = 0;

export async function seedInstitution(ctx: AppContext, regionCode: string, name: string, extra: Partial<typeof institutions.$inferInsert> = {}) {
  const now = ctx.clock.now();
  n += 1;
  const [row] = await ctx.db
    .insert(institutions)
    .values({
      name, uscc: `AGRT${String(n).padStart(4, '0')}${Date.now().toString(36).toUpperCase()}`.slice(0, 18).padEnd(18, '0'),
      kind: 'medical', subtype: 'general_hospital', ownership: 'public', regionCode, address: `${name}路1号`,
      servicePhone: '0871-12345678', searchTokens: buildSearchTokens(name, regionCode), createdAt: now, updatedAt: now, ...extra,
    } as typeof institutions.$inferInsert)
    .returning();
  return row!;
}

export interface Person {
  orgId?: string;
  id: string;
  headers: Record<string, string>;
}

export async function person(ctx: AppContext, org: Parameters<typeof buildOrg>[1], roles: Role[], displayName?: string): Promise<Person & { orgId: string }> {
  const o = await buildOrg(ctx, org);
  const u = await buildUser(ctx, o.id, roles);
  if (displayName) {
    const { users } = await import('../db/schema/index');
    const { eq } = await import('drizzle-orm');
    await ctx.db.update(users).set({ displayName }).where(eq(users.id, u.id));
  }
  return { id: u.id, orgId: o.id, headers: await sessionHeaders(ctx, u.id) };
}

export interface SeedApp {
  institutionId: string;
  regionCode: string;
  profileId: string;
  state: State;
  agencyOrgId?: string | null;
  kind?: 'medical' | 'pharmacy' | 'ltc';
  /** expert user ids on the panel (state evaluating) */
  panel?: { id: string; name: string; specialty: string }[];
  sheetId?: string;
  agreement?: { templateId: string; templateVersion: string; textHash: string };
}

/** The application's domain data for a state, as the pipeline would have built it. */
export function dataFor(id: string, s: SeedApp): Record<string, unknown> {
  const head = { id, institutionId: s.institutionId, institutionKind: s.kind ?? 'medical', route: 'new', singlePharmacy: false, attempt: 1 };
  const received = { submittedOn: '2025-06-02', evaluationClock: { startedOn: '2025-06-02', pauses: [] }, screeningReasons: [], inquiries: [] };
  const accepted = { acceptedOn: '2025-06-03', evaluations: [] as unknown[] };
  const passed = { evaluations: [{ attempt: 1, on: '2025-08-01', pass: true, total: null, reasons: [] }] };
  const publicity = { publicity: { publishedOn: '2025-09-15', endsOn: '2025-09-24', complaints: [] } };
  const negotiation = { negotiation: { meetings: [], opensOn: '2025-09-24' } };
  switch (s.state) {
    case 'evaluating':
      return {
        ...head, ...received, ...accepted, state: 'evaluating',
        evaluation: {
          startedOn: '2025-07-01', sheetId: s.sheetId ?? 'yn-2022-checklist',
          inspection: { required: false, situations: [], mode: 'written' },
          evaluator: {
            kind: 'panel', scores: [], votes: [], signatures: [],
            panel: { seed: 42, institutionId: s.institutionId, replacements: [], members: (s.panel ?? []).map((m, i) => ({ expertId: m.id, name: m.name, specialty: m.specialty, slot: i })) },
          },
        },
      };
    case 'in_publicity':
      return { ...head, ...received, ...accepted, ...passed, ...publicity, state: 'in_publicity' };
    case 'negotiating':
    case 'agreement_study':
      return { ...head, ...received, ...accepted, ...passed, ...publicity, ...negotiation, state: s.state };
    case 'signing':
      return {
        ...head, ...received, ...accepted, ...passed, ...publicity, ...negotiation, state: 'signing',
        agreement: { ...(s.agreement ?? { templateId: 't', templateVersion: '1', textHash: 'x' }), signBy: null },
      };
    default:
      throw new Error(`seed state ${s.state} not supported`);
  }
}

export async function seedApplication(ctx: AppContext, s: SeedApp) {
  const id = randomUUID();
  const now = ctx.clock.now();
  const [row] = await ctx.db
    .insert(applications)
    .values({
      id, institutionId: s.institutionId, kind: s.kind ?? 'medical', regionCode: s.regionCode, profileId: s.profileId,
      agencyOrgId: s.agencyOrgId ?? null, state: s.state, version: 1, data: dataFor(id, s),
      declaration: { paymentCategories: ['general_outpatient', 'inpatient'], insuranceSchemes: ['employee', 'resident'] },
      createdAt: now, updatedAt: now, submittedAt: now,
    })
    .returning();
  return row!;
}
