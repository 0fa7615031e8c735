import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Config } from '../config';
import type { Checkpoint } from '../domain/audit/checkpoint';

/**
 * Where the audit checkpoints' trust lives — outside the database (decision 0021):
 * - the HMAC key: `AUDIT_ANCHOR_KEY` (64 hex; required when several nodes share a database), else
 *   the file `<DATA_DIR>/audit-anchor.key`, created with mode 0600 on first use;
 * - the anchor log `<DATA_DIR>/audit-anchor.log`: one line per checkpoint this node took, so that
 *   deleting the newest checkpoints from the database is noticed too.
 * Tests pass their own key and folder.
 */
export interface Anchor {
  key: Buffer;
  /** null: this deployment keeps no local anchor log */
  logFile: string | null;
}

let testAnchor: Anchor | undefined;

export function loadAnchor(config: Pick<Config, 'AUDIT_ANCHOR_KEY' | 'DATA_DIR' | 'NODE_ENV'>): Anchor {
  // the unit tests' context points DATA_DIR at ./data: no files there, one key per test process
  if (config.NODE_ENV === 'test' && !config.AUDIT_ANCHOR_KEY) return (testAnchor ??= { key: randomBytes(32), logFile: null });
  const dir = path.resolve(config.DATA_DIR);
  const logFile = path.join(dir, 'audit-anchor.log');
  if (config.AUDIT_ANCHOR_KEY) return { key: Buffer.from(config.AUDIT_ANCHOR_KEY, 'hex'), logFile };
  const file = path.join(dir, 'audit-anchor.key');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dir, { recursive: true });
    try {
      fs.writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  const hex = fs.readFileSync(file, 'utf8').trim();
  if (!/^[0-9a-f]{64}$/i.test(hex)) throw new Error(`审计检查点密钥文件格式错误（应为64位十六进制）：${file}`);
  return { key: Buffer.from(hex, 'hex'), logFile };
}

export function appendAnchorLog(anchor: Anchor, c: Checkpoint): void {
  if (!anchor.logFile) return;
  fs.mkdirSync(path.dirname(anchor.logFile), { recursive: true });
  fs.appendFileSync(anchor.logFile, `${JSON.stringify({ n: c.n, at: c.at, maxSeq: c.maxSeq, mac: c.mac })}\n`, { mode: 0o600 });
}

/** The newest checkpoint this node recorded, or null. */
export function lastAnchored(anchor: Anchor): { n: number; mac: string } | null {
  if (!anchor.logFile || !fs.existsSync(anchor.logFile)) return null;
  const lines = fs.readFileSync(anchor.logFile, 'utf8').trim().split('\n').filter(Boolean);
  const last = lines.at(-1);
  if (!last) return null;
  const j = JSON.parse(last) as { n: number; mac: string };
  return { n: j.n, mac: j.mac };
}
