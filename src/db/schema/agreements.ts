import { sql } from 'drizzle-orm';
import { pgTable, text, uuid, timestamp, integer, date, boolean, jsonb, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { applications, bytea, documents } from './designation';
import { users } from './identity';
import { organizations } from './organizations';
import { persons } from './registry';

/**
 * The outer pipeline (docs/decisions/0010-agreements-public.md): public complaints, agreement
 * templates and agreements, online signing (keys, 授权委托书, signatures) and the filings inbox.
 */

/** 投诉举报 filed on the public site during 公示 (云医保〔2022〕6号 第十五条, 吉医保规〔2023〕1号 第十九条). */
export const complaints = pgTable(
  'complaints',
  {
    /** also the complaintId of the application's file_complaint event */
    id: uuid('id').primaryKey(),
    applicationId: uuid('application_id').notNull().references(() => applications.id),
    /** copied from the application, for the territory filter */
    regionCode: text('region_code').notNull(),
    /** plain text, ≤ 2000 characters; never rendered as HTML */
    content: text('content').notNull(),
    contactName: text('contact_name').notNull(),
    phone: text('phone').notNull(),
    email: text('email'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    status: text('status', { enum: ['open', 'resolved'] }).notNull().default('open'),
    foundTrue: boolean('found_true'),
    finding: text('finding'),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    resolvedBy: uuid('resolved_by').references(() => users.id),
    /**
     * receipt number given to the complainant, e.g. '五华医保投诉〔2026〕7号' (the agency's counter,
     * type code '投诉'); with the phone it opens the public status page (decision 0019)
     */
    number: text('number'),
  },
  (t) => [
    index('complaints_region_status_idx').on(t.regionCode, t.status), index('complaints_app_idx').on(t.applicationId),
    index('complaints_number_idx').on(t.number),
  ],
);

/**
 * 协议范本 (kind 'template', per province profile, institution kind and year) and 地方补充条款
 * (kind 'supplement', for a region, refining one template). Versioned: (code, version) is unique,
 * a new version is a new row; rows are never edited.
 */
export const agreementTemplates = pgTable(
  'agreement_templates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', { enum: ['template', 'supplement'] }).notNull(),
    code: text('code').notNull(),
    version: integer('version').notNull(),
    profileId: text('profile_id').notNull(),
    institutionKind: text('institution_kind').notNull(),
    year: integer('year').notNull(),
    /** supplement: the region it applies to (prefix match); template: the province code */
    regionCode: text('region_code').notNull(),
    /** supplement: the template row it refines */
    baseTemplateId: uuid('base_template_id'),
    title: text('title').notNull(),
    issuer: text('issuer').notNull(),
    /** TemplateClause[] or SupplementClause[] of src/documents/build-agreement.ts */
    clauses: jsonb('clauses').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('agreement_templates_code_version_uq').on(t.code, t.version),
    index('agreement_templates_lookup_idx').on(t.kind, t.profileId, t.institutionKind, t.year),
  ],
);

/**
 * One agreement per application: the document model, its canonical text (what is signed) and
 * the text's SM3 digest. `status` draft → fixed (after 协议学习, complete_study) → signed; → void
 * when the application is abandoned first.
 */
export const agreements = pgTable(
  'agreements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** null for an agreement imported from an existing registry (source 'import') */
    applicationId: uuid('application_id').references(() => applications.id),
    institutionId: uuid('institution_id').notNull(),
    regionCode: text('region_code').notNull(),
    agencyOrgId: uuid('agency_org_id').references(() => organizations.id),
    /** null for an imported agreement: its text lives on paper, not in a 范本 of this system */
    templateId: uuid('template_id').references(() => agreementTemplates.id),
    supplementId: uuid('supplement_id').references(() => agreementTemplates.id),
    number: text('number').notNull(),
    termFrom: date('term_from').notNull(),
    termTo: date('term_to').notNull(),
    /** 吉医保规〔2023〕1号 第二十三条 special cases and the 第三十三条 internet-hospital supplement */
    special: jsonb('special').notNull(),
    model: jsonb('model').notNull(),
    canonicalText: text('canonical_text').notNull(),
    textSm3: text('text_sm3').notNull(),
    /** void (作废): the application was abandoned (视为自动放弃) before both parties signed */
    status: text('status', { enum: ['draft', 'fixed', 'signed', 'void'] }).notNull().default('draft'),
    /** which 范本 applies and why (src/domain/agreements/choose-template.ts), with a warning when it is another year's */
    templateChoice: jsonb('template_choice'),
    /** 协议学习 (云医保〔2022〕6号 第十七条) */
    studiedOn: date('studied_on'),
    studyAttendees: jsonb('study_attendees'),
    /**
     * 'generated' by the designation pipeline, or 'import' (issue #9): an agreement that already ran
     * before dingdian, brought in by the registry import — signed on paper, no signature to verify
     */
    source: text('source', { enum: ['generated', 'import'] }).notNull().default('generated'),
    /** the payment categories the agreement covers (imported agreements; generated ones read them from the application) */
    paymentCategories: text('payment_categories').array(),
    /**
     * The life after signing (issue #10; src/domain/agreement/lifecycle.ts): null until both parties
     * signed; pending (待生效) → in_force (生效, payment opened) ⇄ suspended (中止) → terminated (解除) / ended (终止).
     */
    lifeState: text('life_state', { enum: ['pending', 'in_force', 'suspended', 'terminated', 'ended'] }),
    /** the case's moving parts (suspension, pending request, proposal, termination, ending) — `AgreementCase` minus the row's own columns */
    life: jsonb('life'),
    /** the day the current life state began */
    lifeSince: date('life_since'),
    /** the pharmacy's 双通道 agreement, its own agreement (自治区医保局〔2025〕征求意见稿 三(二)3) */
    dualChannel: boolean('dual_channel').notNull().default(false),
    /**
     * A renewal (issue #11, decision 0045): the agreement this one follows without a gap (its term starts the
     * day after that one's ends). At most one renewal per agreement (unique).
     */
    renewsAgreementId: uuid('renews_agreement_id'),
    /**
     * 固定协议 + 年度协议 (云医保〔2022〕6号 第二十九条, 京医保发〔2021〕30号 第四十一条第二款): 'standard' (one
     * agreement per term), 'fixed' (the fixed agreement, its text unchanged over the years) or 'annual' (the
     * yearly annex to a fixed agreement, `fixedAgreementId`).
     */
    form: text('form', { enum: ['standard', 'fixed', 'annual'] }).notNull().default('standard'),
    fixedAgreementId: uuid('fixed_agreement_id'),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    // an application may give several agreements: its main one and the pharmacy's 双通道 one (decision 0032)
    uniqueIndex('agreements_application_kind_uq').on(t.applicationId, t.dualChannel).where(sql`application_id is not null`), // region first, then id: a territory's agreements in a stable order, read page by page (the renewal campaign's keyset)
    index('agreements_region_id_idx').on(t.regionCode, t.id),
    index('agreements_institution_idx').on(t.institutionId),
    // the daily sweep's expiry pass: live agreements by their last day
    index('agreements_life_term_idx').on(t.lifeState, t.termTo),
    // an imported agreement is upserted by its number (re-importing a file changes nothing)
    uniqueIndex('agreements_import_number_uq').on(t.number).where(sql`source = 'import'`),
    // the import checks a file's 协议编号 against every agreement, generated ones included
    index('agreements_number_idx').on(t.number),
    uniqueIndex('agreements_renews_uq').on(t.renewsAgreementId).where(sql`renews_agreement_id is not null`),
  ],
);

/** Per-user SM2 keys: public key in clear, private key AES-256-GCM under the server's KEK. */
export const signingKeys = pgTable(
  'signing_keys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull().references(() => users.id),
    publicKey: text('public_key').notNull(),
    /** base64(iv ‖ tag ‖ ciphertext) */
    encryptedPrivateKey: text('encrypted_private_key').notNull(),
    /** which KEK encrypted it (first 16 hex of its SHA-256) */
    kekId: text('kek_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('signing_keys_active_uq').on(t.userId).where(sql`revoked_at is null`)],
);

/**
 * 授权委托书 (云医保〔2022〕6号 第十八条; decision 0017). The principal is the institution's
 * registered 法定代表人 (a person), the agent the signing account's own registered person. Either
 * granted online by the legal representative's own account (`source` 'online', active at once,
 * revocable) or uploaded on paper (`source` 'paper', pending until an agency officer verifies it).
 * Only an active mandate inside its validity lets the agent sign. `sha256`: of the scan (paper) or
 * of the grant statement (online); it goes into the signed statement.
 */
export const signingMandates = pgTable(
  'signing_mandates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** the scope: this agreement (one per application) */
    agreementId: uuid('agreement_id').notNull().references(() => agreements.id),
    /** the agent's account */
    userId: uuid('user_id').notNull().references(() => users.id),
    source: text('source', { enum: ['online', 'paper'] }).notNull().default('paper'),
    status: text('status', { enum: ['pending', 'active', 'rejected', 'revoked'] }).notNull().default('pending'),
    principalPersonId: uuid('principal_person_id').references(() => persons.id),
    agentPersonId: uuid('agent_person_id').references(() => persons.id),
    /** the principal's registered name when the mandate was made (shown; the person id decides) */
    principalName: text('principal_name').notNull(),
    validFrom: date('valid_from'),
    validTo: date('valid_to'),
    /** who granted (online: the legal representative's account) or uploaded (paper) it */
    createdBy: uuid('created_by').references(() => users.id),
    fileName: text('file_name'),
    mime: text('mime'),
    size: integer('size'),
    sha256: text('sha256').notNull(),
    content: bytea('content'),
    at: timestamp('at', { withTimezone: true }).notNull(),
    /** paper: the agency's 核验 (verify or reject with reason) */
    reviewedBy: uuid('reviewed_by').references(() => users.id),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    rejectReason: text('reject_reason'),
    revokedBy: uuid('revoked_by').references(() => users.id),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('signing_mandates_agreement_idx').on(t.agreementId)],
);

/** One row per party's signature: online (SM2 record) or on paper (scan checksum). */
export const agreementSignatures = pgTable(
  'agreement_signatures',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agreementId: uuid('agreement_id').notNull().references(() => agreements.id),
    party: text('party', { enum: ['institution', 'agency'] }).notNull(),
    userId: uuid('user_id').notNull().references(() => users.id),
    online: boolean('online').notNull(),
    /** Signature of src/domain/signing/agreement-signature.ts (online only) */
    record: jsonb('record'),
    keyId: uuid('key_id').references(() => signingKeys.id),
    mandateId: uuid('mandate_id').references(() => signingMandates.id),
    /** paper signing: sha256 of the scanned signed agreement */
    paperSha256: text('paper_sha256'),
    regionCode: text('region_code').notNull(),
    signedAt: timestamp('signed_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('agreement_signatures_party_uq').on(t.agreementId, t.party), index('agreement_signatures_region_idx').on(t.regionCode)],
);

/** 备案回执: the administrative department acknowledges a filed document (评估结果, 签订情况). */
export const filingReceipts = pgTable(
  'filing_receipts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    documentId: uuid('document_id').notNull().references(() => documents.id),
    orgId: uuid('org_id').notNull().references(() => organizations.id),
    userId: uuid('user_id').notNull().references(() => users.id),
    note: text('note'),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('filing_receipts_doc_org_uq').on(t.documentId, t.orgId)],
);
