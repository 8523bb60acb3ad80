/** 按题目的讨论串、未读提醒与邮件。由 zh-CN.ts 合并到 `comments` 键下。 */
export const commentsZh = {
  title: "讨论",
};
