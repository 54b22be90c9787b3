export * from "./organisation.ts";
export * from "./users.ts";
export * from "./auth.ts";
export * from "./trail.ts";
