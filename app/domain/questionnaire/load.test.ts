/** Mutation tests: every check can fail, and says where. */
import { describe, expect, it } from "vitest";
import { isSeq, type Document, type YAMLSeq } from "yaml";
import { parseQuestionnaire, QuestionnaireFileError, loadQuestionnaire } from "./load";
import { mutate, problemLines, REAL_FILE, realText } from "./test-support";

const F = REAL_FILE;
// dimensions.0 = device; capabilities.0 = device.connectivity (questions: 0 KPI, 1 level, 2 level);
// capabilities.2 = device.monitoring (questions: 0 level, 1 level, 2 KPI).
const connectivity = ["dimensions", 0, "capabilities", 0];
const monitoring = ["dimensions", 0, "capabilities", 2];

const seq = (doc: Document, path: (string | number)[]) => {
  const node = doc.getIn(path, true);
  if (!isSeq(node)) throw new Error(`no sequence at ${path.join(".")}`);
  return node as YAMLSeq;
};

describe("loadQuestionnaire", () => {
  it("accepts the real file", () => {
    expect(problemLines(realText)).toEqual([]);
  });

  it("reports a removed descriptor", () => {
    const text = mutate((doc) => seq(doc, [...monitoring, "questions", 1, "descriptors"]).delete(5));
    expect(problemLines(text)).toEqual([
      `${F}: dimensions.0.capabilities.2.questions.1.descriptors: a level question needs exactly six descriptors (0–5)`,
    ]);
  });

  it("reports a decreasing threshold", () => {
    const text = mutate((doc) => doc.setIn([...connectivity, "questions", 0, "thresholds", 2], 30));
    expect(problemLines(text)).toEqual([
      `${F}: dimensions.0.capabilities.0.questions.0.thresholds.2: thresholds must increase strictly (30 ≤ 40)`,
    ]);
  });

  it("reports equal thresholds and thresholds outside [min, max]", () => {
    const text = mutate((doc) => {
      doc.setIn([...connectivity, "questions", 0, "thresholds", 1], 20);
      doc.setIn([...connectivity, "questions", 0, "thresholds", 4], 101);
    });
    expect(problemLines(text)).toEqual([
      `${F}: dimensions.0.capabilities.0.questions.0.thresholds.1: thresholds must increase strictly (20 ≤ 20)`,
      `${F}: dimensions.0.capabilities.0.questions.0.thresholds.4: threshold 101 lies outside [0, 100]`,
    ]);
  });

  it("reports a missing English string, whether the key is absent or blank", () => {
    const absent = mutate((doc) => doc.deleteIn([...connectivity, "questions", 1, "title", "en"]));
    expect(problemLines(absent)).toEqual([`${F}: dimensions.0.capabilities.0.questions.1.title.en: English text is missing`]);
    const blank = mutate((doc) => doc.setIn([...connectivity, "questions", 1, "descriptors", 3, "en"], "   "));
    expect(problemLines(blank)).toEqual([
      `${F}: dimensions.0.capabilities.0.questions.1.descriptors.3.en: English text is missing`,
    ]);
    const chinese = mutate((doc) => doc.deleteIn(["levels", 0, "name", "zh-CN"]));
    expect(problemLines(chinese)).toEqual([`${F}: levels.0.name.zh-CN: Chinese text is missing`]);
  });

  it("reports a duplicate id at the second occurrence, naming the first", () => {
    const text = mutate((doc) => doc.setIn([...connectivity, "questions", 2, "id"], "device.connectivity.data-acquisition"));
    expect(problemLines(text)).toEqual([
      `${F}: dimensions.0.capabilities.0.questions.2.id: duplicate id "device.connectivity.data-acquisition" (also at dimensions.0.capabilities.0.questions.1.id)`,
    ]);
  });

  it("reports a zero or negative weight", () => {
    const text = mutate((doc) => {
      doc.setIn([...connectivity, "weight"], 0);
      doc.setIn([...monitoring, "questions", 0, "weight"], -1);
    });
    expect(problemLines(text)).toEqual([
      `${F}: dimensions.0.capabilities.0.weight: weights must be positive`,
      `${F}: dimensions.0.capabilities.2.questions.0.weight: weights must be positive`,
    ]);
  });

  it("reports every problem at once, in file order, even after a fatal one", () => {
    // A missing field makes zod skip the schema's cross-field rules; they still run here.
    const text = mutate((doc) => {
      doc.setIn(["dimensions", 3, "capabilities", 0, "questions", 1, "id"], "business.customer.customer-data");
      doc.deleteIn([...connectivity, "questions", 1, "help"]);
      doc.setIn([...connectivity, "questions", 0, "thresholds", 3], 10);
    });
    expect(problemLines(text)).toEqual([
      `${F}: dimensions.0.capabilities.0.questions.0.thresholds.3: thresholds must increase strictly (10 ≤ 60)`,
      `${F}: dimensions.0.capabilities.0.questions.1.help: required field is missing (expected object)`,
      `${F}: dimensions.3.capabilities.0.questions.1.id: duplicate id "business.customer.customer-data" (also at dimensions.3.capabilities.0.questions.0.id)`,
    ]);
  });

  it("reports unknown fields, wrong question types and misplaced fields", () => {
    const text = mutate((doc) => {
      doc.setIn([...connectivity, "questions", 1, "weigth"], 1);
      doc.setIn([...connectivity, "questions", 0, "descriptors"], []);
      doc.setIn([...monitoring, "questions", 0, "type"], "scale");
    });
    expect(problemLines(text)).toEqual([
      `${F}: dimensions.0.capabilities.0.questions.0.descriptors: unknown field "descriptors"`,
      `${F}: dimensions.0.capabilities.0.questions.1.weigth: unknown field "weigth"`,
      `${F}: dimensions.0.capabilities.2.questions.0.type: Invalid discriminator value. Expected 'level' | 'kpi'`,
    ]);
  });

  it("reports ids that do not nest under their capability and dimension", () => {
    const text = mutate((doc) => {
      doc.setIn([...connectivity, "questions", 1, "id"], "device.data-acquisition");
      doc.setIn(["dimensions", 1, "capabilities", 0, "id"], "device.planning");
    });
    const lines = problemLines(text);
    expect(lines).toContain(
      `${F}: dimensions.0.capabilities.0.questions.1.id: question id "device.data-acquisition" must be "device.connectivity.<name>"`,
    );
    expect(lines).toContain(`${F}: dimensions.1.capabilities.0.id: capability id "device.planning" must be "process.<name>"`);
  });

  it("reports untranslated text and copy-pasted descriptors", () => {
    const text = mutate((doc) => {
      doc.setIn([...connectivity, "name", "en"], "设备联网与数据采集");
      doc.setIn([...connectivity, "description", "zh-CN"], "Equipment is connected.");
      const first = doc.getIn([...monitoring, "questions", 0, "descriptors", 1, "en"]);
      doc.setIn([...monitoring, "questions", 0, "descriptors", 2, "en"], first);
    });
    expect(problemLines(text)).toEqual([
      `${F}: dimensions.0.capabilities.0.name.en: English text contains Chinese characters`,
      `${F}: dimensions.0.capabilities.0.description.zh-CN: Chinese text contains no Chinese characters`,
      `${F}: dimensions.0.capabilities.2.questions.0.descriptors.2.en: descriptor 2 repeats descriptor 1`,
    ]);
  });

  it("reports a level out of order, a KPI whose max is not above min, and too few questions", () => {
    const misordered = mutate((doc) => doc.setIn(["levels", 1, "level"], 3));
    expect(problemLines(misordered)).toEqual([`${F}: levels.1.level: expected level 2`]);

    const inverted = mutate((doc) => {
      doc.setIn([...connectivity, "questions", 0, "min"], 100);
      doc.setIn([...connectivity, "questions", 0, "max"], 100);
    });
    expect(problemLines(inverted)).toContain(`${F}: dimensions.0.capabilities.0.questions.0.max: max must be greater than min`);

    const short = mutate((doc) => {
      for (let d = 0; d < 4; d++) {
        const capabilities = seq(doc, ["dimensions", d, "capabilities"]);
        capabilities.items.forEach((_, c) => {
          const list = seq(doc, ["dimensions", d, "capabilities", c, "questions"]);
          while (list.items.length > 1) list.delete(list.items.length - 1);
        });
      }
    });
    expect(problemLines(short)).toEqual([`${F}: dimensions: at least 48 questions are required (found 21)`]);
  });

  it("reports YAML syntax errors and duplicate keys with their line", () => {
    const broken = realText.replace("key: future-factory", "key: future-factory\nkey: other");
    const [duplicate] = parseQuestionnaire(broken).problems;
    expect(duplicate?.message).toMatch(/^YAML syntax at line 12, column 1: Map keys must be unique/);
    expect(duplicate?.line).toBe(12);

    expect(problemLines("title: [unclosed")[0]).toMatch(new RegExp(`^${F}: YAML syntax at line 1, column`));
    expect(problemLines("a: 1\n---\nb: 2\n")[0]).toContain("YAML syntax");
    expect(problemLines("")).toContain(`${F}: Invalid input: expected object, received null`);
  });

  it("gives the line of each problem for editors", () => {
    const text = mutate((doc) => doc.setIn([...connectivity, "weight"], 0));
    const result = parseQuestionnaire(text);
    expect(result.ok).toBe(false);
    const line = result.problems[0]!.line!;
    expect(text.split("\n")[line - 1]).toMatch(/^\s+weight: 0$/);
  });

  it("throws a QuestionnaireFileError whose message lists every problem", () => {
    const text = mutate((doc) => {
      doc.setIn([...connectivity, "weight"], 0);
      doc.setIn(["version"], "1.0");
    });
    let thrown: unknown;
    try {
      loadQuestionnaire(text, F);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(QuestionnaireFileError);
    expect((thrown as Error).message.split("\n")).toEqual([
      "2 problems in questionnaire files:",
      `${F}: version: version must be semantic (e.g. 1.0.0)`,
      `${F}: dimensions.0.capabilities.0.weight: weights must be positive`,
    ]);
  });
});
