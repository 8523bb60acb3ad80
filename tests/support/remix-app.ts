/**
 * The real HTTP server (server/app.ts: CSP nonce, security headers, compression, Remix's request
 * handler, app/entry.server.tsx) around the app's route modules as Vitest loads them, on 127.0.0.1
 * with a free port, so a test sees whole documents as a browser would while sharing this process's
 * database connection and caches. Remix's route tree comes from `remix routes --json` (what the
 * compiler uses); only the routes a test asks for, and their parents, are loaded. The browser assets
 * are stand-ins: nothing here runs client code.
 */
import { execFile } from "node:child_process";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { promisify } from "node:util";
import type { ServerBuild } from "@remix-run/node";
import remixConfig from "../../remix.config.js";
import { createApp, type AppOptions } from "../../server/app";
import * as entryServer from "~/entry.server";
import { APP_DIR, PROJECT_DIR } from "./route-modules";

interface RouteNode {
  id: string;
  path?: string;
  index?: boolean;
  caseSensitive?: boolean;
  file: string;
  children?: RouteNode[];
}

type Flat = Omit<RouteNode, "children"> & { parentId?: string };

async function routeTree(): Promise<RouteNode[]> {
  const bin = path.join(PROJECT_DIR, "node_modules/.bin/remix");
  const { stdout } = await promisify(execFile)(bin, ["routes", "--json"], { cwd: PROJECT_DIR });
  return JSON.parse(stdout) as RouteNode[];
}

export interface RunningApp {
  origin: string;
  close: () => Promise<void>;
}

/** Serves the routes whose ids `wanted` accepts (and their parents) until `close()`. */
export async function startRemixApp(wanted: (routeId: string) => boolean, buildVersion = "test-build", options: AppOptions = {}): Promise<RunningApp> {
  const flat = new Map<string, Flat>();
  const walk = (nodes: RouteNode[], parentId?: string) =>
    nodes.forEach(({ children, ...node }) => {
      flat.set(node.id, { ...node, parentId });
      walk(children ?? [], node.id);
    });
  walk(await routeTree());
  const chosen = new Set<string>();
  for (const id of flat.keys()) {
    if (!wanted(id)) continue;
    for (let at: string | undefined = id; at; at = flat.get(at)?.parentId) chosen.add(at);
  }

  const routes: ServerBuild["routes"] = {};
  const assetRoutes: ServerBuild["assets"]["routes"] = {};
  for (const id of chosen) {
    const route = flat.get(id)!;
    const module = (await import(path.join(APP_DIR, route.file))) as ServerBuild["routes"][string]["module"];
    routes[id] = { id, parentId: route.parentId, path: route.path, index: route.index, caseSensitive: route.caseSensitive, module };
    assetRoutes[id] = {
      id,
      parentId: route.parentId,
      path: route.path,
      index: route.index,
      caseSensitive: route.caseSensitive,
      module: `/build/${id}.js`,
      imports: [],
      hasAction: module.action !== undefined,
      hasLoader: module.loader !== undefined,
      hasClientAction: false,
      hasClientLoader: false,
      hasErrorBoundary: module.ErrorBoundary !== undefined,
    };
  }

  const build = {
    mode: "production",
    entry: { module: entryServer },
    routes,
    assets: { version: buildVersion, url: `/build/manifest-${buildVersion}.js`, entry: { module: "/build/entry.client.js", imports: [] }, routes: assetRoutes },
    publicPath: "/build/",
    assetsBuildDirectory: path.join(PROJECT_DIR, "public/build"),
    future: remixConfig.future,
    isSpaMode: false,
  } as unknown as ServerBuild;

  const server = createApp(build, PROJECT_DIR, options).listen(0, "127.0.0.1");
  await new Promise<void>((resolve, reject) => server.once("listening", resolve).once("error", reject));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
