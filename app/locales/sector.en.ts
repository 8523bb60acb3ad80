import type { sectorZh } from "./sector.zh-CN";

export const sectorEn: typeof sectorZh = {
  noJurisdiction: "Set your jurisdiction under Organisation first; the aggregates of your jurisdiction appear once it is set.",
};
