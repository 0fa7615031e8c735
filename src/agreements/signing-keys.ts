/**
 * Key custody for online signing (docs/decisions/0008 and 0010). Each signing user gets one SM2
 * key pair on first signing: the public key is stored in clear, the private key encrypted with
 * AES-256-GCM under the server's key-encryption key (KEK), bound to its row by the additional
 * authenticated data (user id + key id), and decrypted only in memory for one signing request.
 *
 * The KEK: 32 bytes, hex, in the file `<DATA_DIR>/signing-kek.hex` (created with mode 0600 on
 * first use). Back it up apart from the database: without it no stored key can sign again (the
 * signatures already made stay verifiable — only public keys are needed for that). Tests use a
 * per-process key held in memory. Rotation: a new KEK gets a new `kek_id`; keys under the old one
 * are revoked and re-issued at their next signing.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../domain/errors';
import { generateSm2KeyPair } from '../domain/signing/sm2';
import { activeKey, insertKey, type KeyRow } from '../db/agreement-repo';
import type { AppContext } from '../context';

interface Kek {
  id: string;
  key: Buffer;
}

let testKek: Kek | undefined;
const loaded = new Map<string, Kek>();

const kekOf = (key: Buffer): Kek => ({ id: createHash('sha256').update(key).digest('hex').slice(0, 16), key });

export function loadKek(ctx: Pick<AppContext, 'config'>): Kek {
  if (ctx.config.NODE_ENV === 'test') return (testKek ??= kekOf(randomBytes(32)));
  // several app nodes must share one KEK: production sets SIGNING_KEK; a single node may use the file
  if (ctx.config.SIGNING_KEK) return kekOf(Buffer.from(ctx.config.SIGNING_KEK, 'hex'));
  const file = path.resolve(ctx.config.DATA_DIR, 'signing-kek.hex');
  const cached = loaded.get(file);
  if (cached) return cached;
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    try {
      fs.writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e; // another node created it first
    }
  }
  const hex = fs.readFileSync(file, 'utf8').trim();
  if (!/^[0-9a-f]{64}$/i.test(hex)) throw new Error(`签名密钥加密密钥文件格式错误（应为64位十六进制）：${file}`);
  const kek = kekOf(Buffer.from(hex, 'hex'));
  loaded.set(file, kek);
  return kek;
}

const aad = (userId: string, keyId: string) => Buffer.from(`dingdian-signing-key/v1|${userId}|${keyId}`, 'utf8');

export function sealPrivateKey(kek: Kek, userId: string, keyId: string, privateKeyHex: string): string {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', kek.key, iv);
  c.setAAD(aad(userId, keyId));
  const ct = Buffer.concat([c.update(privateKeyHex, 'utf8'), c.final()]);
  return Buffer.concat([iv, c.getAuthTag(), ct]).toString('base64');
}

export function openPrivateKey(kek: Kek, row: Pick<KeyRow, 'id' | 'userId' | 'encryptedPrivateKey' | 'kekId'>): string {
  if (row.kekId !== kek.id) throw new AppError('CONFLICT', '签名密钥由已更换的服务器密钥加密，请联系系统管理员重新签发');
  const raw = Buffer.from(row.encryptedPrivateKey, 'base64');
  const d = createDecipheriv('aes-256-gcm', kek.key, raw.subarray(0, 12));
  d.setAAD(aad(row.userId, row.id));
  d.setAuthTag(raw.subarray(12, 28));
  try {
    return Buffer.concat([d.update(raw.subarray(28)), d.final()]).toString('utf8');
  } catch {
    throw new AppError('CONFLICT', '签名密钥无法解密（密钥记录被改动或服务器密钥不符）');
  }
}

/** The user's active key, created on first use; returns the row and the private key in memory. */
export async function keyForSigning(ctx: AppContext, userId: string): Promise<{ key: KeyRow; privateKey: string }> {
  const kek = loadKek(ctx);
  let key = await activeKey(ctx.db, userId);
  if (!key) {
    const pair = generateSm2KeyPair();
    const id = randomUUID();
    key = await insertKey(ctx.db, {
      id, userId, publicKey: pair.publicKey, encryptedPrivateKey: sealPrivateKey(kek, userId, id, pair.privateKey),
      kekId: kek.id, createdAt: ctx.clock.now(),
    });
  }
  return { key, privateKey: openPrivateKey(kek, key) };
}
