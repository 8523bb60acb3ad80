/**
 * The per-request CSP nonce (ADR 0008), made in Express and handed to the render through Remix's
 * load context. In the browser it is always "": browsers hide the nonce attribute from the DOM
 * (it reads as nonce=""), so "" on the client is exactly what hydration finds.
 */
import { createContext, useContext } from "react";

const NonceContext = createContext("");

export const NonceProvider = NonceContext.Provider;

export function useNonce(): string {
  return useContext(NonceContext);
}
