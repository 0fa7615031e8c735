import { pgTable, text, uuid, timestamp, boolean, index, integer } from 'drizzle-orm/pg-core';
import { organizations } from './organizations';
import { persons } from './registry';

export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  /** argon2id PHC string */
  passwordHash: text('password_hash').notNull(),
  orgId: uuid('org_id').notNull().references(() => organizations.id),
  /** see src/domain/identity/roles.ts */
  roles: text('roles').array().notNull().default([]),
  active: boolean('active').notNull().default(true),
  /** expert specialties (医疗保障, 医药卫生, 信息技术, 法律, 财务, 养老护理) */
  specialties: text('specialties').array().notNull().default([]),
  /**
   * The natural person (by 身份证号 in the registry) who holds this account, when verified: the
   * capacity to sign as an institution's 法定代表人 follows the person, never the display name.
   */
  personId: uuid('person_id').references(() => persons.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  /** set by a reset or at first start: the temporary password must be changed at the next login (issue #9) */
  mustChangePassword: boolean('must_change_password').notNull().default(false),
  passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }),
  version: integer('version').notNull().default(1),
  updatedAt: timestamp('updated_at', { withTimezone: true }),
});

/** Server-side sessions, so that several app nodes can serve one deployment. */
export const sessions = pgTable(
  'sessions',
  {
    /** sha-256 of the cookie token; the token itself is never stored */
    idHash: text('id_hash').primaryKey(),
    userId: uuid('user_id').notNull().references(() => users.id),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    /** how the session was opened: a single sign-on never used the local password, so it is not asked to change it */
    via: text('via', { enum: ['password', 'sso'] }).notNull().default('password'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** Failed logins, counted per account across all nodes (rate limiting). */
export const loginFailures = pgTable(
  'login_failures',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    username: text('username').notNull(),
    ip: text('ip').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('login_failures_user_at_idx').on(t.username, t.at)],
);
