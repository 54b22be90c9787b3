import "i18next";
import type { Messages } from "./sv.ts";

declare module "i18next" {
  interface CustomTypeOptions {
    resources: { translation: Messages };
  }
}
