/** 咨询机构的客户组合、对比、偏差分析与导出。由 zh-CN.ts 合并到 `portfolio` 键下。 */
export const portfolioZh = {
  title: "客户组合",
};
