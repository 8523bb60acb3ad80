/**
 * One read per page request: Remix runs the loaders of a page (root, layouts, the page) with the
 * same Request object, so what several of them need is read once (like the guard's session).
 * Loaders only: after an action Remix calls the loaders with a new Request, so nothing read
 * before a change is served after it.
 */
const memos = new WeakMap<Request, Map<string, Promise<unknown>>>();

export function oncePerRequest<T>(request: Request, key: string, load: () => Promise<T>): Promise<T> {
  let byKey = memos.get(request);
  if (!byKey) memos.set(request, (byKey = new Map()));
  let pending = byKey.get(key) as Promise<T> | undefined;
  if (!pending) {
    pending = load();
    byKey.set(key, pending);
  }
  return pending;
}
