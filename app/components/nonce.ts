import { createContext, useContext } from "react";

/** The per-request CSP nonce; only the server knows it, the browser hides it from scripts. */
export const NonceContext = createContext("");
export const useNonce = () => useContext(NonceContext);
