/** Excel download of one authority table (resource route): ?table=<id>&<filters>; see docs/open-data.md. */
import { sectorDownload } from "~/models/sector/export.server";
import { guard } from "~/utils/guard.server";

export const loader = /* @__PURE__ */ guard({ jurisdiction: "sector:export" }, async (context) => sectorDownload(context, "xlsx"));
