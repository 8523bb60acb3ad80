import { describe, expect, it } from "vitest";
import { renderInPage } from "../../../tests/support/render-in-page";
import type { CommentMessage } from "~/domain/comments/thread";
import { translator } from "~/utils/i18n";
import { QuestionComments } from "./question-comments";

const message: CommentMessage = {
  id: "m1",
  questionId: "device.connectivity.data-acquisition",
  authorName: "钱顾问",
  side: "consultancy",
  organizationName: "远见咨询",
  body: "请补充截图。\n谢谢",
  createdAt: "2026-11-29T10:00:00.000Z",
  unread: true,
  own: false,
};

describe("<QuestionComments>", () => {
  it("shows the thread with sides and unread marks, and a form that works without JavaScript", async () => {
    const t = translator("zh-CN");
    const html = await renderInPage("zh-CN", <QuestionComments questionId={message.questionId} thread={[message]} action="/o/f/assessments/a/comments" />, "http://localhost/o/x?tab=1");
    expect(html).toContain(`id="comments-${message.questionId}"`);
    expect(html).toContain("钱顾问");
    expect(html).toContain(t("comments.sideConsultancy"));
    expect(html).toContain(t("comments.newMessages", { count: 1 }));
    expect(html).toContain('action="/o/f/assessments/a/comments"');
    expect(html).toContain('method="post"');
    expect(html).toMatch(/name="returnTo" value="\/o\/x\?tab=1"/);
    expect(html).toMatch(/<textarea[^>]*maxLength="2000"|<textarea[^>]*maxlength="2000"/);
    // The fetch marker is added only once JavaScript runs.
    expect(html).not.toContain('name="fetch"');
  });

  it("shows an empty thread and, for readers, no form", async () => {
    const t = translator("en");
    const html = await renderInPage("en", <QuestionComments questionId="q" thread={undefined} action="/x" canPost={false} />);
    expect(html).toContain(t("comments.empty"));
    expect(html).toContain(t("comments.readOnly"));
    expect(html).not.toContain("<textarea");
  });
});
