import { z } from 'zod';

/**
 * The whole environment is read and validated once at start-up; the server
 * refuses to run with a clear list of what is wrong (rather than failing on first use).
 */
const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** postgres://… for PostgreSQL; empty = embedded PGlite in DATA_DIR */
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'DATABASE_URL 须以 postgres:// 开头').optional(),
  DATA_DIR: z.string().default('./data'),
  /** sandbox clock: lets an administrator move simulated time forward (training only) */
  SANDBOX: z.enum(['0', '1', 'true', 'false']).default('0').transform((v) => v === '1' || v === 'true'),
  /**
   * seed the demo data on an empty database; unset = on, except in production where demo data
   * (accounts with a published password) must be asked for explicitly
   */
  SEED_DEMO: z.enum(['0', '1', 'true', 'false']).optional(),
  /** the demo accounts' password when a production deployment seeds the demo (never the published one) */
  DEMO_PASSWORD: z.string().min(10, 'DEMO_PASSWORD 至少10个字符').optional(),
  /** set to 1 only behind a reverse proxy that sets X-Forwarded-For (else clients could forge their IP) */
  TRUST_PROXY: z.enum(['0', '1', 'true', 'false']).default('0').transform((v) => v === '1' || v === 'true'),
  /** key-encryption key for users' SM2 signing keys (64 hex); without it: <DATA_DIR>/signing-kek.hex */
  SIGNING_KEK: z.string().regex(/^[0-9a-fA-F]{64}$/, 'SIGNING_KEK 须为64位十六进制').optional(),
  /** HMAC key of the audit checkpoints (64 hex), kept out of the database; without it: <DATA_DIR>/audit-anchor.key */
  AUDIT_ANCHOR_KEY: z.string().regex(/^[0-9a-fA-F]{64}$/, 'AUDIT_ANCHOR_KEY 须为64位十六进制').optional(),
  /** minutes between audit checkpoints */
  AUDIT_CHECKPOINT_MINUTES: z.coerce.number().int().min(1).max(1440).default(10),
  COOKIE_SECURE: z.enum(['0', '1', 'true', 'false']).default('0').transform((v) => v === '1' || v === 'true'),
  /**
   * Single sign-on with the province's unified identity platform (统一身份认证, OpenID Connect; decision 0026).
   * Off unless OIDC_ISSUER is set; then client id, secret and redirect URL are required too.
   */
  OIDC_ISSUER: z.url({ protocol: /^https?$/, error: 'OIDC_ISSUER 须为 http(s):// 网址' }).optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /** the callback registered at the provider: https://<host>/api/auth/oidc/callback */
  OIDC_REDIRECT_URL: z.url({ protocol: /^https?$/, error: 'OIDC_REDIRECT_URL 须为 http(s):// 网址' }).optional(),
  /** the claim that identifies the person at the provider (stored as the linked subject) */
  OIDC_SUBJECT_CLAIM: z.string().regex(/^[A-Za-z_][A-Za-z0-9_.:-]{0,63}$/, 'OIDC_SUBJECT_CLAIM 须为声明名称').default('sub'),
  OIDC_SCOPES: z.string().default('openid profile'),
  /** the login button's text */
  OIDC_LABEL: z.string().min(1).max(30).default('统一身份认证登录'),
  /** http:// issuers only for local tests and trials; refused in production */
  OIDC_ALLOW_HTTP: z.enum(['0', '1', 'true', 'false']).default('0').transform((v) => v === '1' || v === 'true'),
  /** leading zero bits of the self-registration proof of work (decision 0027); 0 switches the challenge's work off */
  REGISTRATION_POW_BITS: z.coerce.number().int().min(0).max(26).default(18),
  /**
   * days the rejected rows of a registry import are kept (the rows as read, 身份证号 included, for the
   * clerk's correction workbook); older ones are purged when the next import starts (decision 0029)
   */
  IMPORT_REJECTS_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  /**
   * first start without demo data: the initial system administrator's password (must be changed at
   * the first login); without it a temporary password is generated and printed once (issue #9)
   */
  ADMIN_INITIAL_PASSWORD: z.string().min(10, 'ADMIN_INITIAL_PASSWORD 至少10个字符').max(128, 'ADMIN_INITIAL_PASSWORD 不能超过128个字符').optional(),
  /** the initial system administrator's username (default sysadmin) */
  ADMIN_USERNAME: z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]{2,31}$/, 'ADMIN_USERNAME 须以字母开头，3–32位字母、数字、下划线、点或短横线').optional(),
  /**
   * Delivery of the outbox to subscribers (decision 0033): seconds between deliverer ticks, attempts
   * before a delivery is dead (administrator retries it), the first retry's delay and the largest
   * delay (exponential backoff with jitter between), and each request's timeout.
   */
  OUTBOX_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3600).default(10),
  OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(10),
  OUTBOX_BACKOFF_BASE_SECONDS: z.coerce.number().int().min(1).max(86_400).default(30),
  OUTBOX_BACKOFF_MAX_SECONDS: z.coerce.number().int().min(1).max(604_800).default(6 * 3600),
  OUTBOX_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
});

type Env = z.infer<typeof EnvSchema>;
export type Config = Omit<Env, 'SEED_DEMO'> & { SEED_DEMO: boolean };

/** The password printed in the README and on the demo login page. */
export const PUBLISHED_DEMO_PASSWORD = 'dingdian2025';

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`);
    throw new Error(`环境变量配置有误 (invalid environment):\n${lines.join('\n')}`);
  }
  const values = parsed.data;
  const production = values.NODE_ENV === 'production';
  const cfg: Config = {
    ...values,
    SEED_DEMO: values.SEED_DEMO === undefined ? !production : values.SEED_DEMO === '1' || values.SEED_DEMO === 'true',
  };
  if (cfg.SANDBOX && production) {
    throw new Error('SANDBOX=1 在 NODE_ENV=production 下被拒绝：模拟时钟只用于培训和测试环境');
  }
  if (cfg.OIDC_ISSUER) {
    const missing = (['OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_REDIRECT_URL'] as const).filter((k) => !cfg[k]);
    if (missing.length) throw new Error(`设置了 OIDC_ISSUER（统一身份认证）时还须设置 ${missing.join('、')}`);
    if (cfg.OIDC_ALLOW_HTTP && production) throw new Error('OIDC_ALLOW_HTTP=1 在 NODE_ENV=production 下被拒绝：统一身份认证须经 https');
    if (!cfg.OIDC_ALLOW_HTTP && cfg.OIDC_ISSUER.startsWith('http:')) throw new Error('OIDC_ISSUER 须为 https:// 网址（仅测试环境可设 OIDC_ALLOW_HTTP=1）');
    if (!new URL(cfg.OIDC_REDIRECT_URL!).pathname.endsWith('/api/auth/oidc/callback')) {
      throw new Error('OIDC_REDIRECT_URL 须指向本系统的回调地址 https://<主机>/api/auth/oidc/callback');
    }
    if (!cfg.OIDC_SCOPES.split(/\s+/).includes('openid')) throw new Error('OIDC_SCOPES 须包含 openid');
  }
  if (production && cfg.SEED_DEMO && (!cfg.DEMO_PASSWORD || cfg.DEMO_PASSWORD === PUBLISHED_DEMO_PASSWORD)) {
    throw new Error('NODE_ENV=production 下写入演示数据须另设 DEMO_PASSWORD（至少10个字符，不得为公开的演示密码）');
  }
  return cfg;
}
