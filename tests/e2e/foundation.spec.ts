import { en, zh } from "./copy";
import { DEMO_PASSWORD, expect, logIn, queryE2eDatabase, screenshot, test, waitForHydration } from "./fixtures";

const unique = Date.now().toString(36);
const ownerEmail = `owner-${unique}@example.com`;
const ownerPassword = "factory-owner-pass";

test.describe.configure({ mode: "serial" });

test("a factory owner signs up, fills the profile, logs out and in, and switches language", async ({ page, consoleGuard }) => {
  // The wrong password on purpose: the login answers 401.
  consoleGuard.allow(/Failed to load resource: the server responded with a status of 401/);
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(zh("home.title"));
  await screenshot(page, "01-home");

  await page.getByRole("link", { name: "免费注册并开始评估" }).click();
  await expect(page).toHaveURL(/\/signup$/);
  // Client-side validation with the shared zod schema: nothing is sent yet.
  await page.getByLabel("邮箱").fill("not-an-email");
  await page.getByRole("button", { name: "注册" }).click();
  await expect(page.getByText(zh("errors.emailInvalid"))).toBeVisible();
  await expect(page.getByText(zh("errors.passwordTooShort"))).toBeVisible();
  await page.getByLabel("邮箱").fill(ownerEmail);
  await page.getByLabel("姓名").fill("王建华");
  await page.getByLabel("密码").fill(ownerPassword);
  await page.getByLabel(/^制造企业/).check();
  await page.getByLabel("组织名称").fill("东海精工");
  await screenshot(page, "02-signup");
  await page.getByRole("button", { name: "注册" }).click();

  await expect(page).toHaveURL(/\/o\/[0-9a-f-]+\/profile$/);
  await expect(page.getByRole("heading", { name: "组织信息" })).toBeVisible();
  await page.getByLabel("企业法定名称").fill("上海东海精工机械有限公司");
  await page.getByLabel("统一社会信用代码").fill("91330100799655058C");
  await page.getByLabel(/所属行业/).selectOption("34");
  await page.getByLabel("所在地区").selectOption("310115");
  await page.getByLabel("从业人员（人）").fill("1200");
  await page.getByLabel("年营业收入（万元）").fill("30000");
  await expect(page.getByText(zh("profile.sizeBandDerived", { band: zh("sizeBand.MEDIUM") }))).toBeVisible();
  await page.getByRole("button", { name: "保存" }).click();
  // The wrong check character is caught before anything is saved, next to the field.
  const creditCode = page.getByLabel("统一社会信用代码");
  await expect(page.getByText(zh("errors.creditCodeChecksum"))).toBeVisible();
  await expect(creditCode).toHaveAttribute("aria-invalid", "true");
  await screenshot(page, "03-profile-error");
  await creditCode.fill("91330100799655058B");
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.getByRole("status").filter({ hasText: "已保存。" })).toBeVisible();
  await screenshot(page, "04-profile-saved");

  await page.getByRole("button", { name: "退出登录" }).click();
  await expect(page).toHaveURL(/\/login\?loggedOut=1$/);
  await expect(page.getByText(zh("auth.loggedOut"))).toBeVisible();

  await page.getByLabel("邮箱").fill(ownerEmail);
  await page.getByLabel("密码").fill("wrong-password");
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByRole("alert")).toHaveText(zh("errors.invalidLogin"));
  await page.getByLabel("密码").fill(ownerPassword);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(zh("org.dashboardTitle", { name: "东海精工" }));
  await expect(page.getByText("上海东海精工机械有限公司")).toBeVisible();
  await expect(page.getByText(/中型/)).toBeVisible();
  await screenshot(page, "05-dashboard-zh");

  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(en("org.dashboardTitle", { name: "东海精工" }));
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("link", { name: en("nav.members") }).first()).toBeVisible();
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(en("org.dashboardTitle", { name: "东海精工" }));
  await screenshot(page, "06-dashboard-en");
  // The choice is stored in the profile too, so it follows the user to a new browser.
  const [user] = await queryE2eDatabase<{ locale: string }>(`SELECT locale FROM "User" WHERE email = $1`, [ownerEmail]);
  expect(user?.locale).toBe("en");
  await page.getByRole("button", { name: "简体中文" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
});

test("an owner invites a viewer, who joins and cannot edit", async ({ page, browser }) => {
  await logIn(page, ownerEmail, ownerPassword);
  await page.getByRole("link", { name: "成员与邀请" }).first().click();
  const viewerEmail = `viewer-${unique}@example.com`;
  await page.getByLabel("被邀请人邮箱").fill(viewerEmail);
  await page.getByLabel("角色").selectOption("VIEWER");
  await page.getByRole("button", { name: "发送邀请" }).click();
  await expect(page.getByRole("status")).toContainText(zh("members.invited", { email: viewerEmail }));
  await expect(page.getByRole("cell", { name: viewerEmail })).toBeVisible();
  await screenshot(page, "07-members");

  const [mail] = await queryE2eDatabase<{ body: string }>(`SELECT body FROM "OutboxEmail" WHERE "to" = $1`, [viewerEmail]);
  const link = mail?.body.match(/https?:\/\/\S+\/invitations\/[A-Za-z0-9_-]+/)?.[0];
  expect(link).toBeDefined();

  const viewerContext = await browser.newContext({ locale: "zh-CN" });
  const viewer = await viewerContext.newPage();
  await viewer.goto(link!);
  await expect(viewer.getByText(zh("invitation.lead", { inviter: "王建华", role: zh("role.VIEWER"), organization: "东海精工" }))).toBeVisible();
  await screenshot(viewer, "08-invitation");
  await viewer.getByRole("link", { name: "注册" }).last().click();
  await expect(viewer.getByLabel("邮箱")).toHaveValue(viewerEmail);
  await viewer.getByLabel("姓名").fill("李查看");
  await viewer.getByLabel("密码").fill("viewer-password-1");
  await viewer.getByRole("button", { name: "注册" }).click();
  await expect(viewer.getByRole("heading", { level: 1 })).toHaveText(zh("org.dashboardTitle", { name: "东海精工" }));
  await expect(viewer.getByText(zh("org.yourRole", { role: zh("role.VIEWER") }))).toBeVisible();

  await viewer.getByRole("link", { name: "组织信息" }).first().click();
  await expect(viewer.getByText(zh("profile.readOnly"))).toBeVisible();
  await expect(viewer.getByLabel("企业法定名称")).toBeDisabled();
  await expect(viewer.getByRole("button", { name: "保存" })).toHaveCount(0);
  await screenshot(viewer, "09-viewer-profile");

  // Even a hand-made request is refused by the server.
  // Same-origin, so it is the role that refuses it, not the cross-site check.
  const forged = await viewer.request.post(viewer.url(), {
    headers: { origin: new URL(viewer.url()).origin },
    form: { name: "改名", legalName: "x", creditCode: "91330100799655058B", industryCode: "34", regionCode: "31", employees: "1", revenueWan: "1" },
    maxRedirects: 0,
  });
  expect(forged.status()).toBe(403);
  const [org] = await queryE2eDatabase<{ name: string }>(`SELECT name FROM "Organization" WHERE name = '东海精工'`);
  expect(org?.name).toBe("东海精工");
  await viewerContext.close();
});

test("a user of factory A gets a 404 on factory B's pages", async ({ page, consoleGuard }) => {
  consoleGuard.allow(/Failed to load resource: the server responded with a status of 404/);
  const [factoryB] = await queryE2eDatabase<{ id: string }>(`SELECT id FROM "Organization" WHERE name = '华芯电子'`);
  await logIn(page, "factory@demo.future-factory.cn", DEMO_PASSWORD);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("智造精密机械 工作台");
  for (const path of [`/o/${factoryB!.id}`, `/o/${factoryB!.id}/profile`, `/o/${factoryB!.id}/members`]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { name: zh("errors.notFoundTitle") })).toBeVisible();
  }
  await screenshot(page, "10-not-found");
  // The header still offers the user's own organisation.
  await expect(page.getByRole("link", { name: "工作台" })).toBeVisible();
});

test("the skip link and forms work from the keyboard", async ({ page }) => {
  await page.goto("/login");
  await waitForHydration(page);
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "跳到主要内容" })).toBeFocused();
  await page.keyboard.press("Enter");
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("邮箱")).toBeFocused();
  await page.keyboard.type("viewer@demo.future-factory.cn");
  await page.keyboard.press("Tab");
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("智造精密机械 工作台");
});
