import { pgTable, text, integer, index } from 'drizzle-orm/pg-core';

/**
 * GB/T 2260 divisions plus 医保区划 pseudo-regions (省本级 XX9900, 市本级 XXXX99).
 * `profileId` is set on province rows only: the deployment chooses which policy
 * profile governs each province (a province's deployment chooses its profile).
 */
export const regions = pgTable(
  'regions',
  {
    code: text('code').primaryKey(), // 6 digits
    name: text('name').notNull(),
    level: text('level', { enum: ['province', 'prefecture', 'county'] }).notNull(),
    parentCode: text('parent_code'),
    /** 'admin' = a real division; 'yb_pseudo' = 省本级/市本级 医保区划 */
    kind: text('kind', { enum: ['admin', 'yb_pseudo'] }).notNull().default('admin'),
    profileId: text('profile_id'),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (t) => [index('regions_parent_idx').on(t.parentCode)],
);
