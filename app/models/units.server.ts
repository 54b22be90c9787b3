import { asc, eq } from "drizzle-orm";
import { can, type Actor } from "#app/auth/permissions.server.ts";
import { type Db, writeTransaction } from "#db/client.ts";
import { newId } from "#db/ids.ts";
import { units, users } from "#db/schema/index.ts";
import { appendTrailEvent, trailFacts } from "./trail.server.ts";
import { DomainError } from "./errors.ts";

export type Unit = typeof units.$inferSelect;
export type UnitNode = Unit & { depth: number; memberCount: number };

export function listUnits(db: Db): Unit[] {
  return db.select().from(units).orderBy(asc(units.name)).all();
}

/** Units in tree order (each parent followed by its children), with their depth. */
export function unitTree(db: Db): UnitNode[] {
  const all = listUnits(db);
  const members = new Map<string, number>();
  for (const u of db.select({ unitId: users.unitId }).from(users).where(eq(users.active, true)).all()) {
    if (u.unitId) members.set(u.unitId, (members.get(u.unitId) ?? 0) + 1);
  }
  const children = new Map<string | null, Unit[]>();
  for (const unit of all) {
    const list = children.get(unit.parentId) ?? [];
    list.push(unit);
    children.set(unit.parentId, list);
  }
  const out: UnitNode[] = [];
  const walk = (parentId: string | null, depth: number) => {
    for (const unit of children.get(parentId) ?? []) {
      out.push({ ...unit, depth, memberCount: members.get(unit.id) ?? 0 });
      walk(unit.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

export class UnitError extends DomainError<"unit.notFound" | "unit.cycle" | "unit.notAllowed"> {}

function assertMayManage(actor: Actor): void {
  if (!can(actor, "manage", { type: "units" })) throw new UnitError("unit.notAllowed");
}

export function assertUnitExists(db: Db, unitId: string | null): void {
  if (unitId && !db.select({ id: units.id }).from(units).where(eq(units.id, unitId)).get()) {
    throw new UnitError("unit.notFound");
  }
}

function assertParentAllowed(db: Db, unitId: string | null, parentId: string | null): void {
  // Walk up from the new parent: meeting the unit itself would make a loop.
  let cursor = parentId;
  while (cursor) {
    if (cursor === unitId) throw new UnitError("unit.cycle");
    const parent = db.select({ parentId: units.parentId }).from(units).where(eq(units.id, cursor)).get();
    if (!parent) throw new UnitError("unit.notFound");
    cursor = parent.parentId;
  }
}

export function createUnit(db: Db, actor: Actor, input: { name: string; parentId: string | null }): Unit {
  assertMayManage(actor);
  return writeTransaction(db, (tx) => {
    assertParentAllowed(tx, null, input.parentId);
    const unit = tx
      .insert(units)
      .values({ id: newId(), ...input })
      .returning()
      .get();
    appendTrailEvent(tx, {
      actorId: actor.id,
      type: "unit.created",
      subjectType: "unit",
      subjectId: unit.id,
      data: trailFacts(input),
    });
    return unit;
  });
}

export function updateUnit(
  db: Db,
  actor: Actor,
  unitId: string,
  input: { name: string; parentId: string | null },
): void {
  assertMayManage(actor);
  writeTransaction(db, (tx) => {
    if (!tx.select({ id: units.id }).from(units).where(eq(units.id, unitId)).get()) {
      throw new UnitError("unit.notFound");
    }
    assertParentAllowed(tx, unitId, input.parentId);
    tx.update(units).set(input).where(eq(units.id, unitId)).run();
    appendTrailEvent(tx, {
      actorId: actor.id,
      type: "unit.updated",
      subjectType: "unit",
      subjectId: unitId,
      data: trailFacts(input),
    });
  });
}

/**
 * For any unit, that unit and every unit above it: a person in a subunit belongs to its
 * parents too. The tree is read once, so callers can ask for many people.
 */
export function unitAncestry(db: Db): (unitId: string | null) => string[] {
  const parents = new Map(listUnits(db).map((u) => [u.id, u.parentId]));
  return (unitId) => {
    const chain: string[] = [];
    for (let id: string | null | undefined = unitId; id && !chain.includes(id); id = parents.get(id)) chain.push(id);
    return chain;
  };
}
