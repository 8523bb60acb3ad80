/** The report page's loader data, shared by the components beside the route. */
import type { useLoaderData } from "@remix-run/react";
import type { loader } from "./route";

export type ReportData = ReturnType<typeof useLoaderData<typeof loader>>;
export type ReportView = ReportData["report"];
export type ReportAnswer = ReportView["answers"][number];
export type ReportBenchmark = ReportData["benchmark"];
