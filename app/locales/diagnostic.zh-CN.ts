/** 诊断报告与咨询机构标识。由 zh-CN.ts 合并到 `diagnostic` 键下。 */
export const diagnosticZh = {
  title: "诊断报告",
};
