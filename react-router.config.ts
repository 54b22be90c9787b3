import type { Config } from "@react-router/dev/config";

export default {
  ssr: true,
  // v8's behaviour where it costs nothing now. Middleware (v8_middleware) changes how the
  // load context is typed and is left for a deliberate step (docs/decisions/001).
  future: {
    v8_splitRouteModules: true,
    v8_trailingSlashAwareDataRequests: true,
  },
} satisfies Config;
