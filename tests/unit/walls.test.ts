import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const eslint = new ESLint();

/** The wall messages ESLint reports for one import written in the given file. */
async function wallsCrossed(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${source}\nexport const used = x;\n`, { filePath });
  return result!.messages.filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
}

describe("the walls of the house hold (decision 009)", () => {
  it("a route or a component that reaches the database is refused", async () => {
    expect(await wallsCrossed("app/routes/wall-probe.tsx", 'import { x } from "#db/schema/index.ts";')).toHaveLength(1);
    expect(await wallsCrossed("app/components/wall-probe.tsx", 'import { x } from "../../db/client.ts";')).toHaveLength(
      1,
    );
  });

  it("a model, auth or the collab wing that imports UI is refused", async () => {
    expect(
      await wallsCrossed("app/models/wall-probe.server.ts", 'import { x } from "#app/components/ui/notice.tsx";'),
    ).toHaveLength(1);
    expect(
      await wallsCrossed("app/auth/wall-probe.server.ts", 'import { x } from "../routes/start.tsx";'),
    ).toHaveLength(1);
    expect(
      await wallsCrossed("server/collab/wall-probe.ts", 'import { x } from "#app/routes/start.tsx";'),
    ).toHaveLength(1);
  });

  it("content and domain import no server code", async () => {
    expect(
      await wallsCrossed("app/content/wall-probe.ts", 'import { x } from "#app/models/links.server.ts";'),
    ).toHaveLength(1);
    expect(await wallsCrossed("app/domain/wall-probe.ts", 'import { x } from "#db/client.ts";')).toHaveLength(1);
  });

  it("what the walls allow passes", async () => {
    expect(await wallsCrossed("app/routes/wall-probe.tsx", 'import { x } from "#app/domain/values.ts";')).toEqual([]);
    expect(await wallsCrossed("app/models/wall-probe.server.ts", 'import { x } from "#db/schema/index.ts";')).toEqual(
      [],
    );
    expect(
      await wallsCrossed("server/collab/wall-probe.ts", 'import { x } from "#app/content/comment-threads.ts";'),
    ).toEqual([]);
  });
});
