import { pgTable, text, uuid, timestamp, date, integer, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { organizations } from './organizations';
import { users } from './identity';

/**
 * 评估专家库 (吉医保规〔2023〕1号 第十五条; 云医保〔2022〕6号 第十一条): one row per expert of a pool
 * (an organisation of kind 'expert_pool'), maintained by the agency that owns the pool. The panel draw
 * reads only active experts within their term; the employer's USCC excludes an expert from an
 * application of that employer (conflict of interest). `userId` is the expert's login, and the id that
 * panels record (PanelMember.expertId). Decision 0028.
 */
export const experts = pgTable(
  'experts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    poolOrgId: uuid('pool_org_id').notNull().references(() => organizations.id),
    userId: uuid('user_id').notNull().references(() => users.id),
    name: text('name').notNull(),
    /** 身份证号 (GB 11643); null only for experts carried over from the former user-only pool until completed */
    idNumber: text('id_number'),
    /** ids of SPECIALTIES in src/domain/designation/panel.ts */
    specialties: text('specialties').array().notNull().default([]),
    employer: text('employer'),
    /** the employer's 统一社会信用代码: an expert is never drawn for an application of this employer */
    employerUscc: text('employer_uscc'),
    phone: text('phone'),
    termFrom: date('term_from').notNull(),
    /** null: open-ended (carried-over experts until completed) */
    termTo: date('term_to'),
    status: text('status', { enum: ['active', 'suspended', 'retired'] }).notNull().default('active'),
    statusReason: text('status_reason'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('experts_pool_idx').on(t.poolOrgId, t.status),
    uniqueIndex('experts_user_uq').on(t.userId),
    uniqueIndex('experts_pool_id_number_uq').on(t.poolOrgId, t.idNumber),
  ],
);
