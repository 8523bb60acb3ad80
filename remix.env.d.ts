/// <reference types="@remix-run/dev" />
/// <reference types="@remix-run/node" />

// Single fetch changes how loader/action return types are inferred (see toolchain notes).
declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

export {};
