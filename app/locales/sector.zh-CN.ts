/** 主管部门的辖区汇总（行业、区域、规模、专项就绪度、导出）。由 zh-CN.ts 合并到 `sector` 键下。 */
export const sectorZh = {
  noJurisdiction: "请先在“组织信息”中设置管辖区域，再查看辖区汇总。",
};
