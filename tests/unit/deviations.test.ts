import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { attachmentsOf, checkFiles, readStoredFile } from "#app/models/attachments.server.ts";
import { listNotifications } from "#app/models/notifications.server.ts";
import { deviationTrends } from "#app/models/deviation-trends.server.ts";
import { allowedMoves, authorityDeadline, authorityOverdue, suggestedAuthority } from "#app/models/deviation-rules.ts";
import {
  addTimelineEntry,
  addWhy,
  closeDeviation,
  reportDeviation,
  getDeviation,
  myDeviations,
  purgeExpiredContacts,
  similarDeviations,
  startInvestigation,
  triageDeviation,
  type DeviationInput,
} from "#app/models/deviations.server.ts";
import { verifyTrail } from "#app/models/trail.server.ts";
import type { User } from "#app/models/users.server.ts";
import type { DbConnection } from "#db/client.ts";
import { createTestDb, makeUser } from "#tests/fixtures/db.ts";

// The smallest valid PNG: the bytes decide what a file is, not its name.
const png = Uint8Array.from(
  Buffer.from(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
    "base64",
  ),
);
const file = (name: string, bytes: Uint8Array) => new File([bytes.slice()], name);

describe("a report's life", () => {
  it("runs reported → triaged → investigating → closed, and a closed report can only be reopened", () => {
    expect(allowedMoves("reported")).toEqual(["triage"]);
    expect(allowedMoves("triaged")).toEqual(["triage", "investigate", "close"]);
    expect(allowedMoves("investigating")).toEqual(["triage", "close"]);
    expect(allowedMoves("closed")).toEqual(["reopen"]);
  });

  it("flags serious accidents and near misses for Arbetsmiljöverket, with deadlines per authority", () => {
    expect(suggestedAuthority("accident", "serious")).toBe("arbetsmiljoverket");
    expect(suggestedAuthority("near_miss", "serious")).toBe("arbetsmiljoverket");
    expect(suggestedAuthority("near_miss", "high")).toBeNull();
    expect(suggestedAuthority("complaint", "serious")).toBeNull();
    expect(authorityDeadline("arbetsmiljoverket", "2026-11-20T14:30")).toBe("2026-11-21");
    expect(authorityDeadline("lex_maria", "2026-11-20T14:30")).toBe("2027-01-20");
    expect(authorityDeadline("lex_sarah", "2026-11-20T14:30")).toBe("2026-12-04");
    const report = {
      authority: "arbetsmiljoverket" as const,
      authorityReportedOn: null,
      occurredAt: "2026-11-20T14:30",
    };
    expect(authorityOverdue(report, "2026-11-21")).toBe(false);
    expect(authorityOverdue(report, "2026-11-22")).toBe(true);
    expect(authorityOverdue({ ...report, authorityReportedOn: "2026-11-21" }, "2026-11-22")).toBe(false);
  });
});

describe("reports", () => {
  let db: DbConnection;
  let staff: User;
  let manager: User;
  let dataDir: string;
  const input = (overrides: Partial<DeviationInput> = {}): DeviationInput => ({
    kind: "near_miss",
    title: "Pall föll nästan från truckgaffeln",
    description: "Pallen var felstaplad.",
    unitId: null,
    processId: null,
    occurredAt: "2026-11-20T14:30",
    immediateAction: "Spärrade av gången",
    contactName: null,
    contactDetails: null,
    ...overrides,
  });

  beforeEach(async () => {
    db = createTestDb();
    staff = await makeUser(db, { role: "staff" });
    manager = await makeUser(db, { role: "process_owner" });
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lots-reports-"));
  });

  it("are reported with a photo, handled with 5 whys, and closed only with a lesson; the reporter is told", async () => {
    const files = await checkFiles([file("pall.png", png)]);
    const id = reportDeviation(db, staff, input(), files, dataDir);
    const [photo] = attachmentsOf(db, "report", id);
    expect(photo).toMatchObject({ fileName: "pall.png", mime: "image/png" });
    expect(readStoredFile(dataDir, photo!.id)).toEqual(Buffer.from(png));

    expect(() => triageDeviation(db, staff, id, triage())).toThrow("deviation.notAllowed");
    triageDeviation(db, manager, id, triage());
    startInvestigation(db, manager, id);
    addTimelineEntry(db, manager, id, { happenedAt: "2026-11-20T14:25", text: "Pallen lastades", nature: "fact" });
    addWhy(db, manager, id, "Pallen var felstaplad");
    addWhy(db, manager, id, "Ingen instruktion för stapling");
    expect(() => closeDeviation(db, manager, id, { learning: " ", causeCategory: null })).toThrow(
      "deviation.needsLearning",
    );
    closeDeviation(db, manager, id, { learning: "Stapling ingår nu i introduktionen.", causeCategory: "method" });
    expect(getDeviation(db, id)).toMatchObject({ status: "closed", learning: "Stapling ingår nu i introduktionen." });
    expect(myDeviations(db, staff.id).map((r) => r.status)).toEqual(["closed"]);
    expect(listNotifications(db, staff.id)).toMatchObject([{ kind: "reportClosed" }]);
    expect(() => db.$client.prepare("delete from report_timeline").run()).toThrow(/append-only/);
    expect(verifyTrail(db).ok).toBe(true);

    const analysis = deviationTrends(db, "2026-11-01", "2026-11-30");
    expect(analysis).toMatchObject({ total: 1, closed: 1, byKind: [{ name: "near_miss", count: 1 }] });
    expect(analysis.byCause).toEqual([{ name: "method", count: 1 }]);
    expect(analysis.lessons.map((l) => l.learning)).toEqual(["Stapling ingår nu i introduktionen."]);
    expect(deviationTrends(db, "2026-12-01", "2026-12-31").total).toBe(0);
  });

  function triage() {
    return {
      category: "Truck",
      severity: "high" as const,
      responsibleId: manager.id,
      dueOn: "2026-12-01",
      authority: null,
    };
  }

  it("refuses files that are too large, of the wrong type, or whose content does not match the name", async () => {
    await expect(checkFiles([file("bild.png", new TextEncoder().encode("<script>alert(1)</script>"))])).rejects.toThrow(
      "attachment.wrongType",
    );
    await expect(checkFiles([file("bild.pdf", png)])).rejects.toThrow("attachment.wrongType");
    await expect(checkFiles([file("stor.png", new Uint8Array(11 * 1024 * 1024))])).rejects.toThrow(
      "attachment.tooLarge",
    );
  });

  it("suggest earlier reports like this one, and forget a complainant's contact details after closing", async () => {
    const first = reportDeviation(db, staff, input(), [], dataDir);
    const second = reportDeviation(
      db,
      staff,
      input({
        kind: "complaint",
        title: "Truckgaffeln tappade en pall",
        contactName: "Kund AB",
        contactDetails: "08-123",
      }),
      [],
      dataDir,
    );
    expect(similarDeviations(db, getDeviation(db, second)!).map((r) => r.id)).toEqual([first]);
    triageDeviation(db, manager, second, triage());
    closeDeviation(
      db,
      manager,
      second,
      { learning: "Svar skickat.", causeCategory: null },
      new Date("2026-11-22T10:00"),
    );
    expect(purgeExpiredContacts(db, new Date("2027-01-01"))).toBe(0);
    expect(purgeExpiredContacts(db, new Date("2027-03-01"))).toBe(1);
    expect(getDeviation(db, second)).toMatchObject({ contactName: null, contactDetails: null });
  });
});
