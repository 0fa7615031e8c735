/**
 * SM2 signatures (GB/T 32918, with SM3 and the default user id '1234567812345678' as in
 * GM/T 0009) through sm-crypto. Keys are hex: private 64 chars, public '04' + 128 chars
 * (uncompressed point); a signature is r‖s, 128 hex chars.
 *
 * Randomness: sm-crypto draws private keys and signing nonces from an RC4 stream seeded once
 * per process. An SM2 nonce must be uniform and secret (a biased or repeated nonce reveals the
 * private key), so both keys and nonces here come from node:crypto.randomBytes and are handed
 * to sm-crypto (generateKeyPairHex(seed) and doSignature's pointPool).
 */
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import type { KeyPairHex, KeyPairPoint } from 'sm-crypto';
import { AppError } from '../errors';
import { sm3Hex } from './digest';

const require = createRequire(import.meta.url);
const { sm2 } = require('sm-crypto') as typeof import('sm-crypto');
const { BigInteger } = require('jsbn') as typeof import('jsbn');

/** sm-crypto's real signatures, which its type definitions leave out. */
const generateFromSeed = sm2.generateKeyPairHex as unknown as (seed: string, radix: number) => KeyPairHex;
const { verifyPublicKey: isPointOnCurve, getPublicKeyFromPrivateKey } = sm2 as unknown as {
  verifyPublicKey(publicKey: string): boolean;
  getPublicKeyFromPrivateKey(privateKey: string): string;
};

export const SIGNATURE_ALGORITHM = 'SM2-with-SM3';
export type SignatureAlgorithm = typeof SIGNATURE_ALGORITHM;

export interface Sm2KeyPair {
  privateKey: string;
  publicKey: string;
}

const PRIVATE_RE = /^[0-9a-f]{64}$/;
const PUBLIC_RE = /^04[0-9a-f]{128}$/;
const SIGNATURE_RE = /^[0-9a-f]{128}$/;

/** 384 random bits, reduced into [1, n-1] by sm-crypto (bias below 2^-128). */
function freshKeyPair(): KeyPairHex {
  return generateFromSeed(randomBytes(48).toString('hex'), 16);
}

export function generateSm2KeyPair(): Sm2KeyPair {
  const { privateKey, publicKey } = freshKeyPair();
  return { privateKey, publicKey };
}

export function publicKeyOf(privateKey: string): string {
  assertPrivateKey(privateKey);
  return getPublicKeyFromPrivateKey(privateKey);
}

export function isValidPublicKey(publicKey: string): boolean {
  return PUBLIC_RE.test(publicKey) && isPointOnCurve(publicKey);
}

export interface TextSignature {
  /** r‖s, hex. */
  signature: string;
  /** SM3 of the exact text that was signed. */
  digest: string;
  algorithm: SignatureAlgorithm;
}

/** Signs the exact UTF-8 text: SM3(Z_A ‖ text), signed with SM2. */
export function signText(text: string, privateKey: string, publicKey = publicKeyOf(privateKey)): TextSignature {
  assertPrivateKey(privateKey);
  const signature = sm2.doSignature(text, privateKey, {
    hash: true,
    publicKey,
    // doSignature pops a nonce per attempt; the second covers the (~2^-255) retry when r = 0 or r + k = n.
    pointPool: [freshNonce(), freshNonce()],
  });
  return { signature, digest: sm3Hex(text), algorithm: SIGNATURE_ALGORITHM };
}

/** A nonce k with x1 = x(kG), in the shape doSignature's pointPool takes. */
function freshNonce(): KeyPairPoint {
  const { privateKey: k, publicKey: kG } = freshKeyPair();
  const point = { privateKey: k, publicKey: kG, k: new BigInteger(k, 16), x1: new BigInteger(kG.slice(2, 66), 16) };
  return point as unknown as KeyPairPoint; // @types/sm-crypto names bigi's BigInteger; sm-crypto uses jsbn's
}

/** True only if `signature` is a valid SM2 signature of exactly `text` by the holder of `publicKey`. */
export function verifySignature(text: string, signature: string, publicKey: string): boolean {
  if (!SIGNATURE_RE.test(signature) || !isValidPublicKey(publicKey)) return false;
  try {
    return sm2.doVerifySignature(text, signature, publicKey, { hash: true });
  } catch {
    return false;
  }
}

function assertPrivateKey(privateKey: string): void {
  if (!PRIVATE_RE.test(privateKey)) throw new AppError('INVALID_INPUT', 'SM2 私钥格式不正确', { field: 'privateKey' });
}
