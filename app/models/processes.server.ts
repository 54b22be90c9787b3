import { asc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { type Db, writeTransaction } from "#db/client.ts";
import { newId } from "#db/ids.ts";
import { processes, users, type ProcessKind } from "#db/schema/index.ts";
import { can, type Actor } from "#app/auth/permissions.server.ts";
import { createDocument } from "./documents.server.ts";
import { DomainError } from "./errors.ts";
import { wouldCycle } from "./process-tree.ts";
import { appendTrailEvent } from "./trail.server.ts";

/** The process register: processes, their hierarchy, and what is said about each. */

export class ProcessError extends DomainError<
  "process.notFound" | "process.notAllowed" | "process.cycle" | "process.ownerNotFound" | "process.emptyMap"
> {}

export type ProcessInput = {
  title: string;
  kind: ProcessKind;
  parentId: string | null;
  ownerId: string;
  mandate: string;
  purpose: string;
  inputs: string;
  outputs: string;
  customers: string;
  interfaces: string;
};

const owner = alias(users, "owner");

function selectProcesses(db: Db) {
  return db
    .select({
      id: processes.id,
      title: processes.title,
      kind: processes.kind,
      parentId: processes.parentId,
      ownerId: processes.ownerId,
      ownerName: owner.name,
      mandate: processes.mandate,
      purpose: processes.purpose,
      inputs: processes.inputs,
      outputs: processes.outputs,
      customers: processes.customers,
      interfaces: processes.interfaces,
      mapDocumentId: processes.mapDocumentId,
      updatedAt: processes.updatedAt,
    })
    .from(processes)
    .innerJoin(owner, eq(owner.id, processes.ownerId));
}

export type Process = ReturnType<ReturnType<typeof selectProcesses>["all"]>[number];

export const processResource = (process: { ownerId: string }) =>
  ({ type: "process", ownerId: process.ownerId }) as const;

export function listProcesses(db: Db): Process[] {
  return selectProcesses(db).orderBy(asc(processes.title)).all();
}

export function getProcess(db: Db, id: string): Process | undefined {
  return selectProcesses(db).where(eq(processes.id, id)).get();
}

export function processOfMap(db: Db, mapDocumentId: string): Process | undefined {
  return selectProcesses(db).where(eq(processes.mapDocumentId, mapDocumentId)).get();
}

/** Each process's parent, for the tree rules. */
export function parentMap(db: Db): Map<string, string | null> {
  return new Map(
    db
      .select({ id: processes.id, parentId: processes.parentId })
      .from(processes)
      .all()
      .map((p) => [p.id, p.parentId]),
  );
}

function assertParent(db: Db, id: string | null, parentId: string | null) {
  if (parentId === null) return;
  const parents = parentMap(db);
  if (!parents.has(parentId)) throw new ProcessError("process.notFound");
  if (id && wouldCycle(parents, id, parentId)) throw new ProcessError("process.cycle");
}

function assertOwner(db: Db, ownerId: string) {
  const person = db.select({ active: users.active }).from(users).where(eq(users.id, ownerId)).get();
  if (!person?.active) throw new ProcessError("process.ownerNotFound");
}

/** A new process, with its (empty) map as a controlled document owned by the process owner. */
export function createProcess(db: Db, actor: Actor, input: ProcessInput, now = new Date()): string {
  if (!can(actor, "create", { type: "processes" })) throw new ProcessError("process.notAllowed");
  return writeTransaction(db, (tx) => {
    assertOwner(tx, input.ownerId);
    assertParent(tx, null, input.parentId);
    const mapDocumentId = createDocument(
      tx,
      actor,
      { title: input.title, type: "process_map", ownerId: input.ownerId, unitId: null, areas: ["quality"], tags: [] },
      now,
    );
    const id = newId();
    tx.insert(processes)
      .values({ id, ...input, mapDocumentId, createdBy: actor.id, createdAt: now, updatedAt: now })
      .run();
    appendTrailEvent(tx, {
      actorId: actor.id,
      type: "process.created",
      subjectType: "process",
      subjectId: id,
      at: now,
      data: { kind: input.kind, parentId: input.parentId },
    });
    return id;
  });
}

export function updateProcess(db: Db, actor: Actor, id: string, input: ProcessInput, now = new Date()): void {
  writeTransaction(db, (tx) => {
    const before = getProcess(tx, id);
    if (!before) throw new ProcessError("process.notFound");
    if (!can(actor, "edit", processResource(before))) throw new ProcessError("process.notAllowed");
    assertOwner(tx, input.ownerId);
    assertParent(tx, id, input.parentId);
    tx.update(processes)
      .set({ ...input, updatedAt: now })
      .where(eq(processes.id, id))
      .run();
    appendTrailEvent(tx, {
      actorId: actor.id,
      type: "process.updated",
      subjectType: "process",
      subjectId: id,
      at: now,
      data: { parentId: input.parentId, ownerId: input.ownerId },
    });
  });
}
