import type { SaveState } from "~/components/assessment/use-autosave";
import { useLocale, useT } from "~/utils/use-t";

/** The autosave's state in one line, announced politely by the save bar around it. */
export function SaveIndicator({ state }: { state: SaveState }) {
  const t = useT();
  const locale = useLocale();
  switch (state.kind) {
    case "saved":
      return <span className="save-state saved">✓ {t("assessment.saveState.saved", { time: new Intl.DateTimeFormat(locale, { hour: "2-digit", minute: "2-digit", second: "2-digit" }).format(state.at) })}</span>;
    case "saving":
      return <span className="save-state saving">{t("assessment.saveState.saving")}</span>;
    case "pending":
      return <span className="save-state pending">{t("assessment.saveState.pending")}</span>;
    case "retrying":
      return <span className="save-state error">{t("assessment.saveState.retrying")}</span>;
    case "tooLarge":
      return <span className="save-state error">{t("assessment.saveState.tooLarge")}</span>;
    case "stopped":
      return (
        <span className="save-state error">
          {state.status === 401 ? t("assessment.saveState.signedOut") : state.status === 403 ? t("assessment.saveState.forbidden") : state.status === 404 ? t("assessment.saveState.gone") : t("assessment.saveState.stopped", { message: state.message ?? String(state.status) })}
        </span>
      );
    case "conflict":
    case "submitted":
      return <span className="save-state error">{t("assessment.conflictTitle")}</span>;
    default:
      return <span className="save-state">{t("assessment.saveState.idle")}</span>;
  }
}
