import path from "node:path";
import type { Actor } from "#app/auth/permissions.server.ts";
import { type Db, writeTransaction } from "#db/client.ts";
import { documentImports, type ProcessKind } from "#db/schema/index.ts";
import { storeDocumentFile } from "./document-files.server.ts";
import type { BpmnReport } from "./bpmn-report.ts";
import { bpmnToMap } from "./process-bpmn-import.server.ts";
import { writeMapContent } from "./process-map-content.server.ts";
import { createProcess, getProcess } from "./processes.server.ts";
import { appendTrailEvent } from "./trail.server.ts";

/**
 * A BPMN file from another tool becomes a new process with its map drawn as the file had it;
 * the file is kept with the map's draft and the report says what Lots could not hold.
 */
export async function importBpmnProcess(
  db: Db,
  dataDir: string,
  actor: Actor,
  upload: { name: string; bytes: Uint8Array },
  kind: ProcessKind,
  now = new Date(),
): Promise<{ processId: string; report: BpmnReport }> {
  const name = path.basename(upload.name);
  const xml = new TextDecoder().decode(upload.bytes).replace(/^\uFEFF/, "");
  const { title, graph, report } = await bpmnToMap(xml, name.replace(/\.(bpmn|xml)$/i, ""));
  return writeTransaction(db, (tx) => {
    const processId = createProcess(
      tx,
      actor,
      {
        title,
        kind,
        parentId: null,
        ownerId: actor.id,
        mandate: "",
        purpose: "",
        inputs: "",
        outputs: "",
        customers: "",
        interfaces: "",
      },
      now,
    );
    const mapDocumentId = getProcess(tx, processId)!.mapDocumentId;
    writeMapContent(tx, mapDocumentId, graph);
    const source = storeDocumentFile(
      tx,
      dataDir,
      mapDocumentId,
      { kind: "source", name: name.slice(0, 200), mime: "application/xml", bytes: upload.bytes },
      actor.id,
      now,
    );
    tx.insert(documentImports)
      .values({
        documentId: mapDocumentId,
        fileName: name.slice(0, 300),
        sourceFileId: source.id,
        report,
        importedBy: actor.id,
        importedAt: now,
      })
      .run();
    appendTrailEvent(tx, {
      actorId: actor.id,
      type: "document.imported",
      subjectType: "document",
      subjectId: mapDocumentId,
      at: now,
      data: { sourceFileId: source.id, processId },
    });
    return { processId, report };
  });
}
