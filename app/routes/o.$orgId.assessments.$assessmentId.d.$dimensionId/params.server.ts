import { z } from "zod";

/**
 * The page's URL parameters. In a .server module so that zod stays out of the page's browser bundle
 * (issue 14: a module-level schema in route.tsx shipped zod to the client).
 */
export const dimensionPageParams = z.object({ assessmentId: z.uuid(), dimensionId: z.string().min(1).max(100) });
