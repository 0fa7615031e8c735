/**
 * An HTTP step: validates the event's payload (event-schemas.ts), completes what the server
 * supplies (a panel drawn from the expert pool with a recorded seed, the scoring sheet of the
 * profile, a complaint number), and runs the event.
 */
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { AppContext } from '../context';
import { AppError } from '../domain/errors';
import { chinaDate } from '../domain/clock/clock';
import type { SessionUser } from '../domain/identity/roles';
import type { DesignationEvent } from '../domain/designation/events';
import { drawPanel, newSeed, replaceMember, SPECIALTIES, type Expert, type Specialty } from '../domain/designation/panel';
import { notDrawableReason } from '../domain/experts/expert';
import { provincePoolRows } from '../db/expert-repo';
import { panelSpecialtiesFor } from '../domain/designation/profiles';
import type { Application } from '../domain/designation/application';
import type { EventType } from '../domain/designation/states';
import { institutions } from '../db/schema/index';
import { formatCites, ownCites } from '../domain/designation/cite';
import { EVENT_PAYLOADS } from './event-schemas';
import { workflowProfileFor } from './build-context';
import { loadApplicationFor, runEvent, type RunEventResult } from './run-event';

/**
 * The live expert pool of a jurisdiction on a date (评估专家库, 吉医保规〔2023〕1号 第十五条; decision 0028):
 * the experts of the pools that cover the application's region (a province's pool its whole province, a
 * prefecture's its prefecture) — never another province's. An expert is drawable only when active, within
 * the term of appointment on `onDate`, with an active account; one whose employer's USCC is the
 * applicant's is marked in conflict with the institution (left out of the draw, and logged in it).
 * Panels record the expert's user id (the login that scores, votes and signs).
 */
export async function expertPool(ctx: AppContext, regionCode: string, applicant?: { institutionId: string; uscc: string | null }, onDate = chinaDate(ctx.clock.now())): Promise<Expert[]> {
  const rows = (await provincePoolRows(ctx.db, regionCode))
    .filter((r) => r.poolRegion !== null && regionCode.startsWith(r.poolRegion.slice(0, r.poolLevel === 'province' ? 2 : r.poolLevel === 'prefecture' ? 4 : 6)));
  return rows.map((r) => ({
    id: r.userId, name: r.name,
    specialties: r.specialties.filter((s): s is Specialty => (SPECIALTIES as readonly string[]).includes(s)),
    active: notDrawableReason(r, onDate) === null,
    ...(applicant && applicant.uscc && r.employerUscc === applicant.uscc ? { conflicts: [applicant.institutionId] } : {}),
  }));
}

/** The applicant's USCC, for the conflict-of-interest exclusion. */
async function applicantOf(ctx: AppContext, institutionId: string): Promise<{ institutionId: string; uscc: string | null }> {
  const [row] = await ctx.db.select({ uscc: institutions.uscc }).from(institutions).where(eq(institutions.id, institutionId));
  return { institutionId, uscc: row?.uscc ?? null };
}

export function parsePayload<T extends EventType>(event: T, body: unknown): z.infer<(typeof EVENT_PAYLOADS)[T]> {
  const { version: _v, ...rest } = (body ?? {}) as Record<string, unknown>;
  const r = EVENT_PAYLOADS[event].safeParse(rest);
  if (!r.success) {
    const first = r.error.issues[0];
    const field = ['body', ...(first?.path ?? []).map(String)].join('.');
    throw new AppError('INVALID_INPUT', `字段 ${field}：${first?.message ?? '输入有误'}`, { field });
  }
  return r.data as never;
}

/** 'YYYY-MM-DD' that names a day of the calendar (not 2025-02-30). */
const isRealDate = (d: string) => {
  const t = new Date(`${d}T00:00:00Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === d;
};

export async function performStep(ctx: AppContext, user: SessionUser, id: string, type: EventType, body: { version: number } & Record<string, unknown>): Promise<RunEventResult> {
  const p = parsePayload(type, body) as Record<string, unknown>;
  const documentInput: { advice?: string[]; note?: string; complaintPhone?: string } = {};
  let event: DesignationEvent;
  switch (type) {
    case 'form_panel':
    case 'appoint_third_party': {
      const row = await loadApplicationFor(ctx, user, id);
      const app = row.data as Application;
      const profile = workflowProfileFor(row.profileId);
      const sheetId = (p.sheetId as string | undefined) ?? profile.sheets.value[app.institutionKind];
      if (!sheetId) throw new AppError('INVALID_INPUT', '本统筹区未规定该类机构的评分表，请指定 sheetId', { field: 'body.sheetId' });
      if (type === 'appoint_third_party') {
        event = { type, name: p.name as string, qualification: p.qualification as string, sheetId, inspection: p.inspection as never, ...(p.doubts ? { doubts: p.doubts as never } : {}) };
        break;
      }
      // the server draws, from the experts of the application's own jurisdiction, with a seed it records
      // in the draw; only a training sandbox may replay a given seed (issue #8: no hand-picked panel)
      if (p.seed !== undefined && !ctx.config.SANDBOX) {
        throw new AppError('INVALID_INPUT', '字段 body.seed：评估小组由系统随机抽取，正式环境不得指定抽取种子', { field: 'body.seed' });
      }
      const seed = (p.seed as number | undefined) ?? newSeed();
      const drawn = drawPanel({ pool: await expertPool(ctx, row.regionCode, await applicantOf(ctx, app.institutionId)), required: panelSpecialtiesFor(profile, app.institutionKind), seed, institutionId: app.institutionId });
      if (!drawn.ok) throw new AppError('RULE_REFUSED', drawn.message, { reasons: [{ ruleId: 'panel.covers-specialties', citation: formatCites(ownCites(profile, profile.panelSpecialties.cites)), message: drawn.message }] });
      const panel = drawn.draw;
      event = { type, panel, sheetId, inspection: p.inspection as never, ...(p.doubts ? { doubts: p.doubts as never } : {}) };
      break;
    }
    case 'recuse_member': {
      // the slot is redrawn by the server from the same pool and seed stream (replaceMember), logged in the draw
      const row = await loadApplicationFor(ctx, user, id);
      const app = row.data as Application;
      const evaluator = app.state === 'evaluating' ? app.evaluation.evaluator : null;
      if (!evaluator || evaluator.kind !== 'panel') throw new AppError('CONFLICT', '当前没有组成的评估小组，无需回避');
      const redraw = replaceMember(evaluator.panel, await expertPool(ctx, row.regionCode, await applicantOf(ctx, app.institutionId)), p.memberId as string);
      const declaredBy = user.roles.includes('expert') && user.id === p.memberId ? 'expert' : 'officer';
      // no replacement: the guards still say first whether this member may stand down at all
      event = redraw.ok
        ? { type, memberId: p.memberId as string, declaredBy, reason: p.reason as string, panel: redraw.draw }
        : { type, memberId: p.memberId as string, declaredBy, reason: p.reason as string, panel: evaluator.panel, unavailable: redraw.message };
      break;
    }
    case 'file_complaint':
      event = { type, complaintId: (p.complaintId as string | undefined) ?? `TS-${crypto.randomUUID().slice(0, 8)}`, summary: p.summary as string, contact: p.contact as string };
      break;
    case 'confirm_refusal':
      if (p.note) documentInput.note = p.note as string;
      event = { type };
      break;
    case 'request_supplement': {
      // 一次性告知: the items with their own requirements, and the 补正期限 (not in the past)
      const items = p.missingItems as { item: string; requirement?: string }[];
      const dueOn = p.dueOn as string | undefined;
      if (dueOn !== undefined && !isRealDate(dueOn)) throw new AppError('INVALID_INPUT', `字段 body.dueOn：补正期限 ${dueOn} 不是有效日期`, { field: 'body.dueOn' });
      const today = chinaDate(ctx.clock.now());
      if (dueOn !== undefined && dueOn < today) {
        throw new AppError('INVALID_INPUT', `字段 body.dueOn：补正期限不能早于今天（${today}）`, { field: 'body.dueOn' });
      }
      const requirements = Object.fromEntries(items.filter((i) => i.requirement).map((i) => [i.item, i.requirement!]));
      event = {
        type, missingItems: items.map((i) => i.item),
        ...(Object.keys(requirements).length ? { requirements } : {}), ...(dueOn ? { dueOn } : {}),
      };
      break;
    }
    case 'conclude_evaluation':
      if (p.advice) documentInput.advice = p.advice as string[];
      event = { type };
      break;
    case 'publish_publicity':
      if (p.complaintPhone) documentInput.complaintPhone = p.complaintPhone as string;
      event = { type };
      break;
    default:
      event = { type, ...p } as DesignationEvent;
  }
  return runEvent(ctx, user, id, event, body.version, { documentInput });
}
