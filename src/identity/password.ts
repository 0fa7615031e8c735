import { hash, verify } from '@node-rs/argon2';

/**
 * Password hashing: argon2id with the OWASP Password Storage Cheat Sheet's first
 * recommended configuration (m = 19 MiB, t = 2, p = 1). The PHC string records the
 * parameters, so hashes made with other parameters (the cheap test factories) still verify.
 */
export const ARGON2_PARAMS = {
  algorithm: 2, // Algorithm.Argon2id (a const enum in the typings; isolatedModules cannot inline it)
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_PARAMS);
}

/** False for a wrong password and for a malformed stored hash (never throws). */
export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;
/**
 * Spends the same work as a real verification; called for unknown usernames so that
 * the answer time does not reveal whether an account exists.
 */
export async function burnVerification(password: string): Promise<void> {
  dummy ??= hashPassword('dingdian-dummy-password');
  await verifyPassword(await dummy, password);
}
