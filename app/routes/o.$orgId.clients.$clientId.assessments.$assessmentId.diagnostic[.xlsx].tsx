/** The client's diagnostic report as Excel (GET …/diagnostic.xlsx), through the engagement like the page. */
import { z } from "zod";
import { diagnosticReport } from "~/models/diagnostic.server";
import { diagnosticWorkbookResponse } from "~/models/diagnostic-workbook.server";
import { guard } from "~/utils/guard.server";
import { downloadRefusal } from "~/utils/xlsx.server";

const idSchema = z.uuid();

export const loader = /* @__PURE__ */ guard({ engagement: "assessment:read", param: "clientId" }, async ({ params, org, client, locale, t }) => {
  const id = idSchema.safeParse(params.assessmentId);
  if (!id.success) return downloadRefusal(404, t("errors.notFoundText"));
  const outcome = await diagnosticReport(client.id, id.data, org.id, locale);
  if (outcome.status === "not-found") return downloadRefusal(404, t("errors.notFoundText"));
  if (outcome.status === "not-submitted") return downloadRefusal(409, t("assessment.errors.notSubmitted"));
  return diagnosticWorkbookResponse(outcome.report, t, locale);
});
