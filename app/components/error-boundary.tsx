import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import { useT } from "~/utils/use-t";

/** Route-level boundary: the page chrome (header, navigation) stays, only the content shows the error. */
export function RouteErrorBoundary() {
  return <ErrorPanel error={useRouteError()} />;
}

export function ErrorPanel({ error }: { error: unknown }) {
  const t = useT();
  let status = 500;
  let message: string | undefined;
  if (isRouteErrorResponse(error)) {
    status = error.status;
    const payload: unknown = error.data;
    message = typeof payload === "object" && payload !== null && "message" in payload ? String((payload as { message: unknown }).message) : undefined;
  } else {
    console.error(error);
  }
  const title =
    status === 404
      ? t("errors.notFoundTitle")
      : status === 403
        ? t("errors.forbiddenTitle")
        : status === 503
          ? t("errors.unavailableTitle")
          : status >= 500
          ? t("errors.serverTitle")
          : status === 400
            ? t("errors.badRequestTitle")
            : t("errors.title");
  // 503: the database is away and coming back (ADR 0010); the guard's message is already translated.
  const text =
    status === 503
      ? (message ?? t("errors.unavailableText"))
      : status >= 500
        ? t("errors.serverText") : (message ?? (status === 404 ? t("errors.notFoundText") : status === 403 ? t("errors.forbiddenText") : t("errors.title")));
  return (
    <section className="error-panel" aria-labelledby="error-title">
      <p className="error-status">{status}</p>
      <h1 id="error-title">{title}</h1>
      <p>{text}</p>
      <p className="actions">
        <Link to="/" className="button button-primary">
          {t("errors.goHome")}
        </Link>
      </p>
    </section>
  );
}
