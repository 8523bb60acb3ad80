/** 咨询合作：授权申请、邀请、审批、撤销与访问记录。由 zh-CN.ts 合并到 `engagement` 键下。 */
export const engagementZh = {
  title: "授权管理",
};
