/**
 * mulberry32: a small, fast, seeded PRNG (Tommy Ettinger's public-domain algorithm) giving
 * floats in [0, 1). Used wherever a result must be reproducible from a recorded seed: the
 * evaluation-panel draw (replayable from its seed), the demo data, the benchmark data.
 * Not for secrets — keys and nonces come from node:crypto.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
