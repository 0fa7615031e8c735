import { pgTable, text, uuid, timestamp, uniqueIndex, index } from 'drizzle-orm/pg-core';
import { users } from './identity';

/**
 * Single sign-on (OpenID Connect, decision 0026). An identity at the province's unified identity
 * platform (issuer + subject) linked by the system administrator to an existing account: SSO never
 * creates an account nor grants a role.
 */
export const userIdentities = pgTable(
  'user_identities',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** the provider's issuer identifier, as configured (OIDC_ISSUER) */
    issuer: text('issuer').notNull(),
    /** the value of the configured claim (OIDC_SUBJECT_CLAIM, default `sub`) */
    subject: text('subject').notNull(),
    userId: uuid('user_id').notNull().references(() => users.id),
    linkedBy: uuid('linked_by').notNull().references(() => users.id),
    linkedAt: timestamp('linked_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('user_identities_issuer_subject_uq').on(t.issuer, t.subject), index('user_identities_user_idx').on(t.userId)],
);

/**
 * A sign-in in flight between /api/auth/oidc/start and the callback: state, nonce and the PKCE
 * verifier stay on the server, keyed by the hash of a random token in a short-lived httpOnly
 * cookie of the browser that started it; the row is consumed (deleted) by its callback.
 */
export const oidcLogins = pgTable(
  'oidc_logins',
  {
    /** sha-256 of the cookie token */
    idHash: text('id_hash').primaryKey(),
    state: text('state').notNull(),
    nonce: text('nonce').notNull(),
    codeVerifier: text('code_verifier').notNull(),
    /** where the web app goes after sign-in (a path inside the app) */
    returnTo: text('return_to').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('oidc_logins_expires_idx').on(t.expiresAt)],
);
