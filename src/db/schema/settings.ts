import { pgTable, text, jsonb, timestamp } from 'drizzle-orm/pg-core';

/** Deployment-wide settings (e.g. the sandbox clock offset). */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});
