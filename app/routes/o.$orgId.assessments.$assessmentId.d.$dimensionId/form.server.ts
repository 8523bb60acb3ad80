/**
 * The posted form's conversion, for the action (the no-JavaScript save). Imported through this
 * .server module so the page's browser bundle does not take in the stored-answer schema (zod) with
 * it; the browser loads the same conversion after hydration (dimension-workspace.tsx, ADR 0026).
 */
export { formAnswersFromFormData, formChanges } from "~/domain/assessment/form";
