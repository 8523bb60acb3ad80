import type { commentsZh } from "./comments.zh-CN";

export const commentsEn: typeof commentsZh = {
  title: "Comments",
};
