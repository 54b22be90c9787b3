import type { Db, DbConnection } from "#db/client.ts";
import { newId } from "#db/ids.ts";
import { units, users, type Role } from "#db/schema/index.ts";
import { ensureOrganisation } from "#app/models/organisation.server.ts";
import { startSignInSettings } from "#app/models/sign-in-settings.server.ts";
import { createUser } from "#app/models/users.server.ts";
import { seedDemoDocuments } from "./demo-documents.ts";
import { seedDemoRegisters } from "./demo-registers.ts";
import { seedDemoProcesses } from "./demo-processes.ts";
import { dayOf } from "#app/models/releases.server.ts";

export const DEMO_PASSWORD = "lots-demo-2026";

export const demoAccounts: { email: string; name: string; role: Role; unit: string }[] = [
  { email: "admin@exempel.se", name: "Alva Admin", role: "admin", unit: "Ledning" },
  { email: "kvalitet@exempel.se", name: "Karin Kvist", role: "quality_manager", unit: "Ledning" },
  { email: "processagare@exempel.se", name: "Per Persson", role: "process_owner", unit: "Produktion" },
  { email: "revisor@exempel.se", name: "Rut Revisor", role: "auditor", unit: "Ekonomi och HR" },
  { email: "medarbetare@exempel.se", name: "Mats Medarbetare", role: "staff", unit: "Montering" },
  { email: "extern@exempel.se", name: "Erik Extern", role: "external_auditor", unit: "Ledning" },
];

const unitTree: [string, string | null][] = [
  ["Ledning", null],
  ["Produktion", null],
  ["Montering", "Produktion"],
  ["Lager och logistik", "Produktion"],
  ["Kundservice", null],
  ["Ekonomi och HR", null],
];

/**
 * Seeds Exempelbolaget AB into an empty database, whole or not at all: a crash half-way must
 * not leave people without their documents, since a database with people is never seeded
 * again. Returns false when there was anything there.
 */
export async function seedDemo(db: DbConnection, now = new Date()): Promise<boolean> {
  if (db.select({ id: users.id }).from(users).limit(1).get()) return false;
  // One transaction around work that awaits (password hashing): safe only because nothing else
  // uses the database while Lots starts; the model commands inside nest as savepoints.
  db.$client.exec("BEGIN IMMEDIATE");
  try {
    await seedInto(db, now);
    db.$client.exec("COMMIT");
  } catch (error) {
    db.$client.exec("ROLLBACK");
    throw error;
  }
  return true;
}

async function seedInto(db: Db, now: Date): Promise<void> {
  ensureOrganisation(db, "Exempelbolaget AB");
  // The demo's accounts share a published password and are tried by many: no second factor is
  // required of them (a real installation requires one of administrators and quality managers).
  startSignInSettings(db, { secondFactorRoles: [] });
  const unitIds = new Map<string, string>();
  for (const [name, parent] of unitTree) {
    const id = newId();
    db.insert(units)
      .values({ id, name, parentId: parent ? unitIds.get(parent)! : null })
      .run();
    unitIds.set(name, id);
  }
  const guestUntil = new Date(now.getTime() + 365 * 24 * 60 * 60 * 1000);
  const people = new Map<string, string>();
  for (const account of demoAccounts) {
    const user = await createUser(
      db,
      {
        email: account.email,
        name: account.name,
        password: DEMO_PASSWORD,
        role: account.role,
        unitId: unitIds.get(account.unit)!,
        accessExpiresAt: account.role === "external_auditor" ? guestUntil : null,
      },
      null,
    );
    people.set(account.email, user.id);
  }
  const approver = { id: people.get("kvalitet@exempel.se")!, role: "quality_manager" } as const;
  await seedDemoDocuments(db, people, unitIds, approver, DEMO_PASSWORD, dayOf(now));
  seedDemoRegisters(db, approver, unitIds, now);
  await seedDemoProcesses(db, approver, people.get("processagare@exempel.se")!, DEMO_PASSWORD, dayOf(now));
}
