import { formatDateTime } from "~/utils/i18n";
import { useLocale, useT } from "~/utils/use-t";

/** Someone else saved newer answers: load theirs, or (with unsaved changes) keep mine on top. */
export function ConflictNotice({ updatedAt, pendingCount, onLoadTheirs, onKeepMine }: { updatedAt: Date; pendingCount: number; onLoadTheirs: () => void; onKeepMine: () => void }) {
  const t = useT();
  const locale = useLocale();
  return (
    <div className="alert alert-warning conflict" role="alert">
      <h2>{t("assessment.conflictTitle")}</h2>
      <p>{t("assessment.conflictText", { time: formatDateTime(locale, updatedAt) })}</p>
      {pendingCount > 0 ? <p>{t("assessment.conflictPending", { count: pendingCount })}</p> : null}
      <div className="actions">
        <button type="button" className="button button-primary" onClick={onLoadTheirs}>
          {t("assessment.loadNewer")}
        </button>
        {pendingCount > 0 ? (
          <button type="button" className="button" onClick={onKeepMine}>
            {t("assessment.keepMine")}
          </button>
        ) : null}
      </div>
    </div>
  );
}
