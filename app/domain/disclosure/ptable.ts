/**
 * The cell-key perturbation table and the key mixing (docs/privacy.md, ADR 0018). Pure, isomorphic,
 * fixed: the table is generated from constant seeds at module load, so every process (and every
 * release that keeps the seeds) publishes the same value for the same contributors.
 *
 * A count n ≥ k is published as n + D[class][min(n, ROW_CAP)][key], where
 *   key    the cell key, 0…255 (Σ record keys mod 256, uniformly distributed because each record
 *          key is random);
 *   class  how far n lies above k: 0 (n = k), 1 (n = k + 1), 2 (n ≥ k + 2), so that n + D ≥ k always;
 *   row    each n up to ROW_CAP has its own shuffle of the class's values, so a cell of n and one of
 *          n + 1 that happen to share a key still get unrelated noise.
 * Each row holds exactly the multiset VALUES_BY_CLASS[class] (256 entries), mean exactly 0.
 */
import { RECORD_KEY_MODULUS } from "./types";

/** The largest |perturbation|. */
export const MAX_PERTURBATION = 2;
/** Rows above this n share one shuffle (a key collision between two such cells is 1 in 256). */
export const ROW_CAP = 127;

type Histogram = readonly (readonly [value: number, count: number])[];

/**
 * How many of the 256 keys give each perturbation, per distance class. Mean 0 in each class;
 * class 2: P(0) = 100/256 ≈ 39 %, P(±1) = 52/256 each, P(±2) = 26/256 each, variance ≈ 1.22.
 */
export const VALUES_BY_CLASS: readonly Histogram[] = [
  [[0, 256]],
  [
    [-1, 104],
    [0, 74],
    [1, 52],
    [2, 26],
  ],
  [
    [-2, 26],
    [-1, 52],
    [0, 100],
    [1, 52],
    [2, 26],
  ],
];

/** mulberry32: a small seeded PRNG, enough to shuffle a fixed table reproducibly. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled<T>(values: readonly T[], seed: number): T[] {
  const random = seeded(seed);
  const out = [...values];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function expand(histogram: Histogram): number[] {
  const out: number[] = [];
  for (const [value, count] of histogram) for (let i = 0; i < count; i++) out.push(value);
  if (out.length !== RECORD_KEY_MODULUS) throw new Error(`perturbation class must have ${RECORD_KEY_MODULUS} entries, has ${out.length}`);
  return out;
}

/** TABLE[class][row][key]. */
export const PERTURBATION_TABLE: readonly (readonly (readonly number[])[])[] = VALUES_BY_CLASS.map((histogram, distanceClass) => {
  const values = expand(histogram);
  return Array.from({ length: ROW_CAP + 1 }, (_, row) => shuffled(values, 0x5eed0000 + distanceClass * 4096 + row));
});

/** The perturbation for a count n ≥ minGroup with cell key `key`. */
export function perturbation(n: number, key: number, minGroup: number): number {
  if (n < minGroup) throw new RangeError(`perturbation only applies from k = ${minGroup}, got n = ${n}`);
  const distanceClass = Math.min(n - minGroup, 2);
  const row = Math.min(n, ROW_CAP);
  return PERTURBATION_TABLE[distanceClass]![row]![normaliseKey(key)]!;
}

export function normaliseKey(key: number): number {
  if (!Number.isInteger(key)) throw new RangeError(`a cell key must be an integer, got ${key}`);
  return ((key % RECORD_KEY_MODULUS) + RECORD_KEY_MODULUS) % RECORD_KEY_MODULUS;
}

// ---------------------------------------------------------------------------------------------
// Derived keys

/** A fixed permutation of 0…255: mixKey is a bijection in the key, so a uniform key stays uniform. */
const PERMUTATION: readonly number[] = shuffled(
  Array.from({ length: RECORD_KEY_MODULUS }, (_, i) => i),
  0x0c0ffee,
);

/** 32-bit FNV-1a over integers (each fed as 4 bytes) and strings (UTF-16 code units). */
export function hashParts(parts: readonly (number | string)[]): number {
  let hash = 0x811c9dc5;
  const feed = (byte: number) => {
    hash ^= byte & 0xff;
    hash = Math.imul(hash, 0x01000193);
  };
  for (const part of parts) {
    if (typeof part === "number") {
      const value = part | 0;
      feed(value);
      feed(value >>> 8);
      feed(value >>> 16);
      feed(value >>> 24);
    } else {
      for (let i = 0; i < part.length; i++) {
        const unit = part.charCodeAt(i);
        feed(unit);
        feed(unit >>> 8);
      }
    }
    feed(0x1f); // separator: ["ab", "c"] ≠ ["a", "bc"]
  }
  // murmur3's finaliser, so the low 8 bits depend on every input bit
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

/**
 * A key derived from a cell key and a context (the group's key and n, a level, a threshold…).
 * Why: a level cell whose contributors did not change between two groups that differ by one factory
 * would otherwise publish the same value in both, and the one cell that did change would point at
 * the factory's level. Mixing in the enclosing group's key re-draws every cell's noise whenever the
 * group changes, while the same contributors in the same context still give the same value.
 */
export function mixKey(key: number, context: readonly (number | string)[]): number {
  return PERMUTATION[(normaliseKey(key) + hashParts(context)) & 0xff]!;
}

/** The full −2…+2 row for n, whatever its distance from k: cells inside a distribution (index.ts). */
export function innerPerturbation(n: number, key: number): number {
  return PERTURBATION_TABLE[2]![Math.min(n, ROW_CAP)]![normaliseKey(key)]!;
}
