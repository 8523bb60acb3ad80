/// <reference types="@remix-run/dev" />
/// <reference types="@remix-run/node" />

// Single fetch changes how loader/action return types are inferred (see toolchain notes).
declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
  /** What server/app.ts hands every request (tests may pass nothing). */
  interface AppLoadContext {
    /** The per-request CSP nonce for inline scripts (ADR 0008). */
    cspNonce?: string;
  }
}

export {};
