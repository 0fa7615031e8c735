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
  /** seed the demo data on an empty database */
  SEED_DEMO: z.enum(['0', '1', 'true', 'false']).default('1').transform((v) => v === '1' || v === 'true'),
  /** set to 1 only behind a reverse proxy that sets X-Forwarded-For (else clients could forge their IP) */
  TRUST_PROXY: z.enum(['0', '1', 'true', 'false']).default('0').transform((v) => v === '1' || v === 'true'),
  /** key-encryption key for users' SM2 signing keys (64 hex); without it: <DATA_DIR>/signing-kek.hex */
  SIGNING_KEK: z.string().regex(/^[0-9a-fA-F]{64}$/, 'SIGNING_KEK 须为64位十六进制').optional(),
  COOKIE_SECURE: z.enum(['0', '1', 'true', 'false']).default('0').transform((v) => v === '1' || v === 'true'),
});

export type Config = z.infer<typeof EnvSchema>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`);
    throw new Error(`环境变量配置有误 (invalid environment):\n${lines.join('\n')}`);
  }
  const cfg = parsed.data;
  if (cfg.SANDBOX && cfg.NODE_ENV === 'production') {
    throw new Error('SANDBOX=1 在 NODE_ENV=production 下被拒绝：模拟时钟只用于培训和测试环境');
  }
  return cfg;
}
