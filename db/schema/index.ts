export * from "./values.ts";
export * from "./organisation.ts";
export * from "./users.ts";
export * from "./auth.ts";
export * from "./trail.ts";
export * from "./documents.ts";
export * from "./collab.ts";
export * from "./notifications.ts";
