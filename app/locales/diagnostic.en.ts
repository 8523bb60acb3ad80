import type { diagnosticZh } from "./diagnostic.zh-CN";

export const diagnosticEn: typeof diagnosticZh = {
  title: "Diagnostic report",
};
