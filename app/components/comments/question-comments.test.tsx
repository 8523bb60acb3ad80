import { renderToString } from "react-dom/server";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";
import { describe, expect, it } from "vitest";
import type { CommentMessage } from "~/domain/comments/thread";
import { translator, type AppLocale } from "~/utils/i18n";
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

/** Server-renders the component inside a data router, as a page would (the root loader gives the locale). */
async function render(locale: AppLocale, element: JSX.Element) {
  const handler = createStaticHandler([{ id: "root", path: "/o/x", loader: () => ({ locale }), Component: () => element }]);
  const context = await handler.query(new Request("http://localhost/o/x?tab=1"));
  if (context instanceof Response) throw new Error("unexpected response");
  return renderToString(<StaticRouterProvider router={createStaticRouter(handler.dataRoutes, context)} context={context} hydrate={false} />);
}

describe("<QuestionComments>", () => {
  it("shows the thread with sides and unread marks, and a form that works without JavaScript", async () => {
    const t = translator("zh-CN");
    const html = await render("zh-CN", <QuestionComments questionId={message.questionId} thread={[message]} action="/o/f/assessments/a/comments" />);
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
    const html = await render("en", <QuestionComments questionId="q" thread={undefined} action="/x" canPost={false} />);
    expect(html).toContain(t("comments.empty"));
    expect(html).toContain(t("comments.readOnly"));
    expect(html).not.toContain("<textarea");
  });
});
