import { useT } from "~/utils/use-t";
import { useShown } from "./published";
import type { BenchmarkData as Data } from "./types";

export function GroupNotice({ data }: { data: Data }) {
  const t = useT();
  const shown = useShown(data.minGroup);
  const group = data.group;
  if (!group) {
    return (
      <div className="alert alert-warning" role="status">
        <strong>{t("benchmark.group.noneTitle")}</strong> {t("benchmark.group.none", { k: data.minGroup })}
      </div>
    );
  }
  const n = shown.count(group.n);
  return (
    <>
      {group.widened ? (
        <div className="alert alert-warning benchmark-fallback" role="status">
          <p>
            <strong>{t("benchmark.group.fallbackTitle")}</strong>
          </p>
          <p>{t("benchmark.group.fallback", { requested: data.requestedLabel, k: data.minGroup, used: group.label, n })}</p>
          <p className="small">
            {t("benchmark.group.fallbackSteps")} {group.steps.join(" → ")}
          </p>
        </div>
      ) : null}
      <div className="alert alert-info benchmark-group" role="status">
        {t("benchmark.group.summary", { group: group.label, n })}
        {group.containsSynthetic ? (
          <>
            {" "}
            <span className="badge">{t("benchmark.group.synthetic")}</span>
          </>
        ) : null}
      </div>
    </>
  );
}
