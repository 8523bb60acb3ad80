import type { benchmarkZh } from "./benchmark.zh-CN";

export const benchmarkEn: typeof benchmarkZh = {
  title: "Peer benchmark",
};
