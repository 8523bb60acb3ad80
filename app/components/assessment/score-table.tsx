import { displayScore } from "~/domain/scoring";
import { useT } from "~/utils/use-t";

/** The data table behind a score chart: one row per dimension or capability. */
export function ScoreTable({ rows, header }: { rows: { id: string; name: string; score: number | null }[]; header: string }) {
  const t = useT();
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">{header}</th>
          <th scope="col">{t("assessment.results.score")}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id}>
            <td>{row.name}</td>
            <td>{row.score === null ? t("assessment.results.insufficient") : displayScore(row.score, 2)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
