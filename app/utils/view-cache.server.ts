/**
 * A small in-process cache for page data that does not change once built (issue 14, ADR 0024).
 *
 * It holds no authority of its own: a caller builds the key from what the guard decided (organisation,
 * role, locale) and from a version stamp read from the database on every request, so a change made
 * through any process of the stateless web tier gives the next request a new key (docs/scaling.md).
 * Entries may also expire after `ttlMs`, for parts that depend on other factories' data.
 *
 * Bounded: least recently used entries go first. Concurrent misses for one key share one build; a
 * build that throws (e.g. a 404 Response) is not kept.
 */
export interface ViewCacheOptions {
  /** Most entries kept; the least recently used goes first. */
  maxEntries: number;
  /** Entries older than this are rebuilt; none = until evicted (the key carries every version). */
  ttlMs?: number;
  /** For tests of expiry. */
  now?: () => number;
}

export class ViewCache<V> {
  private readonly entries = new Map<string, { value: V; at: number }>();
  private readonly building = new Map<string, Promise<V>>();
  private readonly now: () => number;
  hits = 0;
  misses = 0;

  constructor(private readonly options: ViewCacheOptions) {
    this.now = options.now ?? (() => Date.now());
  }

  get size() {
    return this.entries.size;
  }

  async getOrBuild(key: string, build: () => Promise<V>): Promise<V> {
    const entry = this.entries.get(key);
    if (entry && (this.options.ttlMs === undefined || this.now() - entry.at < this.options.ttlMs)) {
      // Map keeps insertion order: re-inserting marks it as the most recently used.
      this.entries.delete(key);
      this.entries.set(key, entry);
      this.hits++;
      return entry.value;
    }
    if (entry) this.entries.delete(key);
    const pending = this.building.get(key);
    if (pending) return pending;
    this.misses++;
    const at = this.now();
    const promise = build().then(
      (value) => {
        this.building.delete(key);
        this.entries.set(key, { value, at });
        while (this.entries.size > this.options.maxEntries) this.entries.delete(this.entries.keys().next().value!);
        return value;
      },
      (error: unknown) => {
        this.building.delete(key);
        throw error;
      },
    );
    this.building.set(key, promise);
    return promise;
  }

  clear() {
    this.entries.clear();
  }
}

/** One string from the parts of a key; JSON keeps "a|b" + "c" apart from "a" + "b|c". */
export function viewCacheKey(...parts: readonly (string | number | null)[]): string {
  return JSON.stringify(parts);
}
