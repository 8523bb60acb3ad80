import { useLoaderData } from "@remix-run/react";
import { guard } from "~/utils/guard.server";
import { useT } from "~/utils/use-t";

/**
 * Which organisation and role this session has here: the cheapest page behind the guard and the root
 * loader, and so the "floor" that `npm run bench:http` measures every other page against (issue 14).
 */
export const loader = /* @__PURE__ */ guard("org:read", ({ org, role }) => ({ organization: org.name, role }));

export default function WhoAmI() {
  const { organization, role } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <div className="page-header">
      <h1>{t("whoami.title")}</h1>
      <p>{t("whoami.lead", { organization, role: t(`role.${role}`) })}</p>
    </div>
  );
}
