import { useRouteLoaderData } from "@remix-run/react";
import type { loader } from "~/routes/o.$orgId.assessments.$assessmentId";

/** The assessment loaded by the layout route, for the pages nested inside it. */
export function useAssessment() {
  const data = useRouteLoaderData<typeof loader>("routes/o.$orgId.assessments.$assessmentId");
  if (!data) throw new Error("useAssessment() is only available below the assessment route");
  return data;
}
