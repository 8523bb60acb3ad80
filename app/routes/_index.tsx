import { redirect } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { guard } from "~/utils/guard.server";
import { useT } from "~/utils/use-t";

export const loader = /* @__PURE__ */ guard("public", async ({ auth }) => {
  if (auth) throw redirect("/orgs");
  return null;
});

const DIMENSIONS = ["device", "process", "knowledge", "business"] as const;
const KINDS = ["FACTORY", "CONSULTANCY", "AUTHORITY"] as const;

export default function Home() {
  const t = useT();
  return (
    <>
      <section className="hero">
        <h1>{t("home.title")}</h1>
        <p className="lead">{t("home.lead")}</p>
        <p className="actions">
          <Link to="/signup" className="button button-primary">
            {t("home.ctaSignup")}
          </Link>
          <Link to="/login" className="button">
            {t("home.ctaLogin")}
          </Link>
        </p>
      </section>
      <section aria-labelledby="dimensions-title">
        <h2 id="dimensions-title">{t("home.dimensionsTitle")}</h2>
        <div className="grid">
          {DIMENSIONS.map((dimension) => (
            <article key={dimension} className={`card dimension-card ${dimension}`}>
              <h3>{t(`home.${dimension}Title`)}</h3>
              <p className="muted">{t(`home.${dimension}Text`)}</p>
            </article>
          ))}
        </div>
      </section>
      <section aria-labelledby="levels-title" className="card">
        <h2 id="levels-title">{t("home.levelsTitle")}</h2>
        <p>{t("home.levelsText")}</p>
      </section>
      <section aria-labelledby="audience-title">
        <h2 id="audience-title">{t("home.audienceTitle")}</h2>
        <div className="grid">
          {KINDS.map((kind) => (
            <article key={kind} className="card">
              <h3>{t(`kind.${kind}`)}</h3>
              <p className="muted">{t(`kindHint.${kind}`)}</p>
            </article>
          ))}
        </div>
      </section>
    </>
  );
}
