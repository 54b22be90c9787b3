import { describe, expect, it } from "vitest";
import { heatMap, isOnScale, levelOf, scoreOf, trendOf } from "#app/models/risk-scoring.ts";
import { defaultRiskScale } from "#app/domain/values.ts";

const scale = defaultRiskScale;

describe("risk scoring", () => {
  it("scores likelihood times consequence, inside the scale only", () => {
    expect(scoreOf({ likelihood: 4, consequence: 5 })).toBe(20);
    expect(isOnScale(scale, { likelihood: 5, consequence: 5 })).toBe(true);
    for (const bad of [
      { likelihood: 0, consequence: 3 },
      { likelihood: 6, consequence: 3 },
      { likelihood: 2.5, consequence: 3 },
      { likelihood: 3, consequence: Number.NaN },
    ]) {
      expect(isOnScale(scale, bad), JSON.stringify(bad)).toBe(false);
    }
  });

  it("colours the 5×5 matrix low, medium, high and critical", () => {
    expect(levelOf(scale, { likelihood: 2, consequence: 2 })).toBe("low");
    expect(levelOf(scale, { likelihood: 1, consequence: 5 })).toBe("medium");
    expect(levelOf(scale, { likelihood: 3, consequence: 3 })).toBe("medium");
    expect(levelOf(scale, { likelihood: 2, consequence: 5 })).toBe("high");
    expect(levelOf(scale, { likelihood: 4, consequence: 4 })).toBe("high");
    expect(levelOf(scale, { likelihood: 4, consequence: 5 })).toBe("critical");
  });

  it("places each risk in its cell, highest likelihood first", () => {
    const map = heatMap(scale, [
      { likelihood: 5, consequence: 1 },
      { likelihood: 5, consequence: 1 },
      { likelihood: 1, consequence: 4 },
    ]);
    expect(map).toHaveLength(5);
    expect(map[0]![0]).toMatchObject({ likelihood: 5, consequence: 1, count: 2 });
    expect(map[4]![3]).toMatchObject({ likelihood: 1, consequence: 4, count: 1 });
    expect(map.flat().reduce((n, c) => n + c.count, 0)).toBe(3);
  });

  it("tells whether a risk went up or down since its last assessment", () => {
    expect(trendOf([{ likelihood: 2, consequence: 2 }])).toBeNull();
    expect(
      trendOf([
        { likelihood: 2, consequence: 2 },
        { likelihood: 4, consequence: 4 },
      ]),
    ).toBe("down");
    expect(
      trendOf([
        { likelihood: 4, consequence: 4 },
        { likelihood: 2, consequence: 2 },
      ]),
    ).toBe("up");
  });
});
