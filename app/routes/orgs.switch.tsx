import { redirect } from "@remix-run/node";
import { z } from "zod";
import { findMembership } from "~/utils/membership.server";
import { guard } from "~/utils/guard.server";
import { httpError } from "~/utils/http.server";
import { setActiveOrganization } from "~/utils/session.server";

const switchSchema = z.object({ to: z.union([z.literal("new"), z.uuid()]) });

/** Target of the organisation switcher (a GET form, so it also works without JavaScript). */
export const loader = /* @__PURE__ */ guard("authenticated", async ({ request, auth, t }) => {
  const parsed = switchSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) httpError(400, t("errors.invalidId"));
  if (parsed.data.to === "new") throw redirect("/orgs/new");
  const membership = await findMembership(auth.user.id, parsed.data.to);
  if (!membership) httpError(404, t("errors.notFoundText"));
  await setActiveOrganization(auth.id, membership.organization.id);
  throw redirect(`/o/${membership.organization.id}`);
});
