/**
 * A new institution registers on the public site (issue #9; decision 0027). In order: the form's
 * shape (400 naming the field), the proof-of-work challenge (used up even when a later check
 * fails, so that each attempt costs work), the legal representative's birth date against today,
 * the county, the password policy, the USCC (in the registry or an open registration: one neutral
 * message), the username, the files. Then one transaction: the account (no role, in the applicants'
 * organisation), the registration in the queue of the agency of its territory, the files, one audit row.
 */
import { z } from 'zod';
import type { AppContext } from '../context';
import { AppError, conflict, invalid } from '../domain/errors';
import { chinaDate } from '../domain/clock/clock';
import { passwordProblems } from '../domain/identity/password-policy';
import { maskIdNumber } from '../domain/validators/id-number';
import {
  REQUIRED_FILES, USCC_TAKEN, USERNAME_TAKEN, futureBirth, nearestAgency, registrationFileLabel, registrationSubmission,
  type RegistrationDetails,
} from '../domain/registration/registration';
import { hashPassword } from '../identity/password';
import { appendAudit } from '../db/audit-repo';
import { uniqueViolation } from '../db/unique-violation';
import {
  agenciesAbove, ensureApplicantsOrg, insertRegistration, putFile, regionExists, usccTaken, usernameTaken,
} from '../db/registration-repo';
import { users } from '../db/schema/index';
import type { Db, Tx } from '../db/client';
import { redeemChallenge } from './issue-challenge';
import { checkedFile, type IncomingFile } from './registration-files';

/** The first problem of a zod parse as a 400 naming the field (its message carries the Chinese label). */
export function firstIssue(error: z.ZodError, prefix: string): AppError {
  const issue = error.issues[0]!;
  const field = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
  return invalid(field, issue.message);
}

/** Checks of the details that need the database or the clock (shared with the applicant's correction). */
export async function checkDetails(ctx: AppContext, db: Db | Tx, d: RegistrationDetails, exceptRegistrationId?: string) {
  if (futureBirth(d.legalRepIdNumber, chinaDate(ctx.clock.now()))) {
    throw invalid('details.legalRepIdNumber', '法定代表人身份证号：出生日期晚于今天');
  }
  const region = await regionExists(db, d.regionCode);
  if (!region) throw invalid('details.regionCode', '所在区县不存在，请从列表中选择');
  if (region.level === 'province' || region.level === 'prefecture') throw invalid('details.regionCode', '所在区县请选择到县（区）一级');
  if (await usccTaken(db, d.uscc, exceptRegistrationId)) throw conflict(USCC_TAKEN);
}

export async function agencyFor(db: Db | Tx, regionCode: string): Promise<string | null> {
  return nearestAgency(regionCode, await agenciesAbove(db, regionCode))?.id ?? null;
}

/** Unique-index races (two submissions at once) answer like the checks before them. */
export function mapRegistrationUnique(e: unknown): never {
  const u = uniqueViolation(e);
  if (u && /registrations_open_uscc_uq|institutions_uscc_uq/.test(u.index)) throw conflict(USCC_TAKEN);
  if (u && /username/.test(u.index)) throw conflict(USERNAME_TAKEN);
  throw e;
}

export async function submitRegistration(ctx: AppContext, raw: unknown, files: IncomingFile[], ip: string) {
  const parsed = registrationSubmission.safeParse(raw);
  if (!parsed.success) throw firstIssue(parsed.error, '');
  const { details, account, challenge } = parsed.data;
  // the work is checked and used up in its own statement: a refused attempt needs a new challenge
  await ctx.db.transaction((tx) => redeemChallenge(ctx, tx, challenge));

  const problems = passwordProblems(account.password, account.username);
  if (problems.length) throw invalid('account.password', problems.join('；'));
  await checkDetails(ctx, ctx.db, details);
  if (await usernameTaken(ctx.db, account.username)) throw invalid('account.username', USERNAME_TAKEN);
  const checked = files.map(checkedFile);
  for (const kind of REQUIRED_FILES) {
    if (!checked.some((f) => f.kind === kind)) throw invalid(`files.${kind}`, `请上传${registrationFileLabel[kind]}`);
  }
  if (new Set(checked.map((f) => f.kind)).size !== checked.length) throw new AppError('INVALID_INPUT', '同一种证照只能上传一个文件', { field: 'files' });

  const passwordHash = await hashPassword(account.password);
  const agencyOrgId = await agencyFor(ctx.db, details.regionCode);
  const now = ctx.clock.now();
  return ctx.db
    .transaction(async (tx) => {
      const orgId = await ensureApplicantsOrg(tx);
      const [user] = await tx
        .insert(users)
        .values({ username: account.username, displayName: details.contactName, passwordHash, orgId, roles: [], active: true, createdAt: now })
        .returning({ id: users.id });
      const reg = await insertRegistration(tx, {
        ...details, status: 'pending', userId: user!.id, agencyOrgId, submittedAt: now, createdAt: now, updatedAt: now,
      });
      const stored = [];
      for (const f of checked) stored.push(await putFile(tx, { registrationId: reg.id, ...f, at: now }));
      await appendAudit(tx, now, {
        actor: { id: user!.id, orgId }, action: 'registration.submit', entityType: 'registration', entityId: reg.id, regionCode: reg.regionCode,
        after: {
          ...details, legalRepIdNumber: maskIdNumber(details.legalRepIdNumber), username: account.username, agencyOrgId, ip,
          files: stored.map((f) => ({ kind: f.kind, fileName: f.fileName, mime: f.mime, size: f.size, sha256: f.sha256 })),
        },
      });
      return { id: reg.id, status: reg.status, username: account.username, submittedAt: reg.submittedAt.toISOString() };
    })
    .catch(mapRegistrationUnique);
}
