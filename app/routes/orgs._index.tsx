import { redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { listMemberships } from "~/models/organization.server";
import { guard } from "~/utils/guard.server";
import { useT } from "~/utils/use-t";

/** Where a signed-in user lands: straight into their organisation when the choice is obvious. */
export const loader = /* @__PURE__ */ guard("authenticated", async ({ auth }) => {
  const memberships = await listMemberships(auth.user.id);
  if (memberships.length === 0) throw redirect("/orgs/new");
  const active = memberships.find((m) => m.organization.id === auth.activeOrganizationId);
  if (memberships.length === 1 || active) throw redirect(`/o/${(active ?? memberships[0])!.organization.id}`);
  return { memberships };
});

export default function ChooseOrganization() {
  const t = useT();
  const { memberships } = useLoaderData<typeof loader>();
  return (
    <>
      <div className="page-header">
        <h1>{t("org.chooseTitle")}</h1>
        <p>{t("org.chooseLead")}</p>
      </div>
      <div className="grid">
        {memberships.map(({ organization, role }) => (
          <article key={organization.id} className="card">
            <h2>{organization.name}</h2>
            <p className="muted">
              {t(`kind.${organization.kind}`)} · {t("org.yourRole", { role: t(`role.${role}`) })}
            </p>
            <Link className="button button-primary" to={`/o/${organization.id}`}>
              {t("org.enter")}
            </Link>
          </article>
        ))}
      </div>
      <p className="actions">
        <Link to="/orgs/new" className="button">
          ＋ {t("nav.createOrganization")}
        </Link>
      </p>
    </>
  );
}
