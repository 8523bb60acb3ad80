import fs from "node:fs";
import { loadQuestionnaire, allQuestions } from "/work/main/app/domain/questionnaire/index.ts";
import { compileModel, scoreAssessment } from "/work/main/app/domain/scoring/index.ts";
const q = loadQuestionnaire(fs.readFileSync("/work/main/questionnaires/future-factory/1.0.0.yaml", "utf8"), "x");
const m = compileModel(q);
const mk = (band: number) => allQuestions(q).map((qq) => qq.type === "kpi" ? { questionId: qq.id, value: band === 0 ? qq.min : qq.thresholds[band - 1]! } : { questionId: qq.id, value: band });
for (const b of [0, 1, 2, 3, 4, 5]) { const r = scoreAssessment(m, mk(b), { mode: "submission" }); console.log(b, (r as any).overall ?? Object.keys(r), (r as any).level); }
const na = allQuestions(q).map((qq) => qq.allowNa ? { questionId: qq.id, na: true as const, naReason: "not deployable" } : qq.type === "kpi" ? { questionId: qq.id, value: qq.thresholds[2]! } : { questionId: qq.id, value: 3 });
const r = scoreAssessment(m, na, { mode: "submission" }) as any; console.log("with NA", r.overall, r.level, r.capabilities?.filter((c: any) => c.status !== "scored").length);
