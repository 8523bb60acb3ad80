/** The factory's diagnostic report as Excel (GET …/diagnostic.xlsx): the issuing consultancy's report, as on the page. */
import { z } from "zod";
import { factoryDiagnosticReport } from "~/models/diagnostic.server";
import { diagnosticWorkbookResponse } from "~/models/diagnostic-workbook.server";
import { guard } from "~/utils/guard.server";
import { downloadRefusal } from "~/utils/xlsx.server";

const idSchema = z.uuid();

export const loader = /* @__PURE__ */ guard("assessment:read", async ({ params, org, locale, t }) => {
  const id = idSchema.safeParse(params.assessmentId);
  if (!id.success) return downloadRefusal(404, t("errors.notFoundText"));
  const outcome = await factoryDiagnosticReport(org.id, id.data, locale);
  if (outcome.status === "not-found") return downloadRefusal(404, t("errors.notFoundText"));
  if (outcome.status === "not-submitted") return downloadRefusal(409, t("assessment.errors.notSubmitted"));
  if (outcome.status === "no-report") return downloadRefusal(404, t("diagnostic.errors.noReport"));
  return diagnosticWorkbookResponse(outcome.report, t, locale);
});
