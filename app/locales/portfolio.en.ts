import type { portfolioZh } from "./portfolio.zh-CN";

export const portfolioEn: typeof portfolioZh = {
  title: "Clients",
};
