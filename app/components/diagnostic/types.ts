/** The diagnostic report as the page receives it (serialised loader data), shared by both sides' routes. */
import type { useLoaderData } from "@remix-run/react";
import type { DiagnosticReport } from "~/models/diagnostic.server";

export type DiagnosticView = ReturnType<typeof useLoaderData<() => Promise<{ report: DiagnosticReport }>>>["report"];
