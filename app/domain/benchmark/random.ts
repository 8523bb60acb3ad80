/**
 * A small seeded pseudo-random generator for synthetic populations and property tests: the same
 * seed always gives the same sequence, on every platform (32-bit integer arithmetic only).
 * sfc32 (Chris Doty-Humphrey's Small Fast Counter), seeded through splitmix32. Not for secrets.
 */

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max] (both inclusive). */
  int(min: number, max: number): number;
  /** Standard normal variate (Box–Muller). */
  normal(): number;
  /** true with probability p. */
  chance(p: number): boolean;
  /** One item, picked with the given (non-negative, not all zero) weights. */
  weighted<T>(items: readonly T[], weights: readonly number[]): T;
  /** An independent generator derived from this generator's seed and a label: the same label
   *  always gives the same stream, however much of this one has been used. */
  fork(label: string | number): Random;
}

function splitmix32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** FNV-1a, to turn labels into seeds. */
export function hashSeed(value: string | number): number {
  const text = String(value);
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

export function createRandom(seed: number): Random {
  const init = splitmix32(seed);
  let a = init();
  let b = init();
  let c = init();
  let d = init();
  const nextUint = () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t >>> 0;
  };
  // Warm up: the first outputs of a fresh sfc32 state are weakly mixed.
  for (let i = 0; i < 12; i++) nextUint();

  let spareNormal: number | null = null;
  const random: Random = {
    next: () => nextUint() / 4294967296,
    int: (min, max) => min + Math.floor(random.next() * (max - min + 1)),
    normal: () => {
      if (spareNormal !== null) {
        const value = spareNormal;
        spareNormal = null;
        return value;
      }
      let u = 0;
      while (u === 0) u = random.next();
      const v = random.next();
      const radius = Math.sqrt(-2 * Math.log(u));
      spareNormal = radius * Math.sin(2 * Math.PI * v);
      return radius * Math.cos(2 * Math.PI * v);
    },
    chance: (p) => random.next() < p,
    weighted: (items, weights) => {
      let total = 0;
      for (const weight of weights) total += weight;
      if (!(total > 0) || items.length !== weights.length) throw new RangeError("weighted(): weights must be positive and match the items");
      let target = random.next() * total;
      for (let index = 0; index < items.length; index++) {
        target -= weights[index]!;
        if (target < 0) return items[index]!;
      }
      return items[items.length - 1]!;
    },
    fork: (label) => createRandom(hashSeed(`${seed >>> 0}/${label}`)),
  };
  return random;
}
