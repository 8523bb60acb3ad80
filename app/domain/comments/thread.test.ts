import { describe, expect, it } from "vitest";
import { commentAnchor, unreadIn, type CommentMessage } from "./thread";

const message = (questionId: string, unread: boolean): CommentMessage => ({
  id: `${questionId}-${String(unread)}`,
  questionId,
  authorName: "王工",
  side: "factory",
  organizationName: "东方机床",
  body: "请看附件",
  createdAt: "2026-11-29T10:00:00.000Z",
  unread,
  own: false,
});

describe("comment threads", () => {
  it("counts unread messages, in all threads or in chosen questions", () => {
    const threads = { a: [message("a", true), message("a", false)], b: [message("b", true)] };
    expect(unreadIn(threads)).toBe(2);
    expect(unreadIn(threads, ["b", "missing"])).toBe(1);
    expect(unreadIn({})).toBe(0);
  });

  it("names a thread's anchor after its question", () => {
    expect(commentAnchor("device.connectivity.data-acquisition")).toBe("comments-device.connectivity.data-acquisition");
  });
});
