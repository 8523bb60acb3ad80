import type { engagementZh } from "./engagement.zh-CN";

export const engagementEn: typeof engagementZh = {
  title: "Engagements",
};
