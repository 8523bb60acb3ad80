/** 核验（自评与核验对照、置信等级）。由 zh-CN.ts 合并到 `validation` 键下。 */
export const validationZh = {
  title: "核验",
};
