/**
 * The rules page's profile diff on a real agreement (issue #11, "What-if … the same engine serves the
 * rules page's profile diff: the same institution under the Yunnan and the Beijing profile"): one
 * agreement's facts, screened under two profiles with each profile's own parameters, side by side —
 * the outcome, every rule that fired or had no data with its article under that profile, and the
 * rules that made the difference. Nothing is written; the agreement must lie in the reader's territory.
 */
import type { AppContext } from '../context';
import { AppError } from '../domain/errors';
import { chinaDate } from '../domain/clock/clock';
import { scopeOf } from '../domain/identity/territory';
import type { SessionUser } from '../domain/identity/roles';
import { defaultParams, screenRenewal, whatIf, type Screening } from '../domain/renewal-screening/screen';
import { findAgreementByIdOrNumber } from '../db/agreement-repo';
import { renewalFactsOf } from '../db/renewal-facts-repo';
import { WHAT_IF_PROFILES } from './what-if';

export type ProfileId = (typeof WHAT_IF_PROFILES)[number];

export async function compareRenewalUnderProfiles(ctx: AppContext, user: SessionUser, agreement: string, a: ProfileId, b: ProfileId) {
  const row = await findAgreementByIdOrNumber(ctx.db, agreement.trim(), scopeOf(user));
  if (!row) throw new AppError('NOT_FOUND', `协议「${agreement.trim()}」不存在或不在本辖区`, { field: 'agreement' });
  if (row.status !== 'signed') throw new AppError('INVALID_INPUT', `协议「${row.number}」尚未签订，无续签筛查`, { field: 'agreement' });
  const facts = (await renewalFactsOf(ctx.db, [row.id])).get(row.id);
  if (!facts) throw new AppError('NOT_FOUND', `协议「${row.number}」不存在或不在本辖区`, { field: 'agreement' });
  const today = chinaDate(ctx.clock.now());
  // the signing period of a comparison is the term's end: what a campaign opened today would use at the latest
  const c = { today, signingEnds: facts.termTo };
  const va = { profileId: a, params: defaultParams(a) };
  const vb = { profileId: b, params: defaultParams(b) };
  const side = (s: Screening, profileId: ProfileId) => ({ profileId, outcome: s.outcome, reasons: s.reasons.map(({ ruleId, label, effect, result, message, citation }) => ({ ruleId, label, effect, result, message, citation })) });
  const diff = whatIf(va, vb, c, 1);
  diff.add(facts);
  const change = diff.result().changes[0];
  return {
    agreement: { id: row.id, number: row.number, institutionName: facts.institutionName, regionCode: facts.regionCode, termTo: facts.termTo, lifeState: facts.lifeState },
    asOf: today,
    a: side(screenRenewal(facts, va, c), a),
    b: side(screenRenewal(facts, vb, c), b),
    because: change?.because ?? [],
  };
}
