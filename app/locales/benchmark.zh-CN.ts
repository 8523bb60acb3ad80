/** 对标页面的文字（zh-CN）。由 zh-CN.ts 合并到 `benchmark` 键下。 */
export const benchmarkZh = {
  title: "同行对标",
};
