/**
 * Who may sign this agreement for the institution, in what capacity and under which mandate
 * (云医保〔2022〕6号 第十八条): the registered 法定代表人, the caller's own registered person, the
 * mandates of this agreement with whether each lets the caller sign today and why not, and — for
 * the legal representative — the staff accounts they may grant a mandate to.
 */
import { signingBasis } from './institution-signature';
import { chinaDate } from '../domain/clock/clock';
import type { SessionUser } from '../domain/identity/roles';
import { mandateRefusals } from '../domain/signing/mandate';
import { institutionStaff, legalRepresentatives, mandatesOf, personOfUser } from '../db/mandate-repo';
import type { AppContext } from '../context';
import { loadSignableAgreementFor } from './load-agreement';

export async function signingContext(ctx: AppContext, user: SessionUser, agreementId: string) {
  const ag = await loadSignableAgreementFor(ctx, user, agreementId);
  const reps = await legalRepresentatives(ctx.db, ag.institutionId);
  const me = user.orgKind === 'institution' ? await personOfUser(ctx.db, user.id) : null;
  const isLegalRep = !!me && reps.some((r) => r.personId === me.personId);
  const today = chinaDate(ctx.clock.now());
  const basis = await signingBasis(ctx, ag);
  const mandates = (await mandatesOf(ctx.db, ag.id)).map((m) => {
    const reasons = user.orgKind === 'institution'
      ? mandateRefusals(m, { userId: user.id, personId: me?.personId ?? null, legalReps: reps, today }, basis)
      : [];
    return { ...m, usableByMe: user.orgKind === 'institution' && reasons.length === 0, notUsableBecause: reasons.map((r) => r.message) };
  });
  const candidates = isLegalRep
    ? (await institutionStaff(ctx.db, ag.institutionId))
      .filter((s) => s.userId !== user.id && s.personId && !reps.some((r) => r.personId === s.personId))
      .map((s) => ({ userId: s.userId, displayName: s.displayName, personName: s.personName! }))
    : [];
  return {
    agreementId: ag.id, number: ag.number, termTo: ag.termTo, legalRepresentatives: reps.map((r) => r.name),
    me: { displayName: user.displayName, personName: me?.name ?? null, isLegalRep },
    mandates, candidates,
  };
}
