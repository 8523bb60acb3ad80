/** The benchmark page's loader data, shared by the components beside the route. */
import type { useLoaderData } from "@remix-run/react";
import type { loader } from "./route";

export type BenchmarkData = ReturnType<typeof useLoaderData<typeof loader>>;
export type BenchmarkGroup = NonNullable<BenchmarkData["group"]>;
