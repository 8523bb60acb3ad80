/** Serves the Remix build over HTTP; runs in every web worker (or in the main process with one worker). */
import path from "node:path";
import type { Server } from "node:http";
import { pathToFileURL } from "node:url";
import fs from "node:fs";
import type { ServerBuild } from "@remix-run/node";
import { createApp } from "./app";

export async function serveHttp(rootDir: string, port: number): Promise<Server> {
  const buildPath = path.join(rootDir, "build/index.js");
  if (!fs.existsSync(buildPath)) throw new Error("No build found: run `npm run build` first (npm start does this for you).");
  const build = (await import(pathToFileURL(buildPath).href)) as ServerBuild;
  const app = createApp(build, rootDir);
  return await new Promise<Server>((resolve, reject) => {
    const server = app.listen(port, () => resolve(server));
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(error.code === "EADDRINUSE" ? new Error(`Port ${port} is in use: set PORT to another port.`) : error),
    );
  });
}

export function closeHttp(server: Server) {
  return new Promise<void>((resolve) => {
    server.close(() => resolve());
    // Keep-alive sockets would otherwise hold the process open.
    server.closeAllConnections();
  });
}
