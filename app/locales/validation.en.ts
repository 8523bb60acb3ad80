import type { validationZh } from "./validation.zh-CN";

export const validationEn: typeof validationZh = {
  title: "Validation",
};
