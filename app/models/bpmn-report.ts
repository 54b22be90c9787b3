/** The words of a BPMN import's report, shared by the server that writes it and the pages that show it. */

export const bpmnLostKinds = [
  "boundaryEvents",
  "intermediateEvents",
  "subProcessContents",
  "otherPools",
  "messageFlows",
  "groups",
  "nestedLanes",
  "otherGateways",
] as const;
export type BpmnLostKind = (typeof bpmnLostKinds)[number];

export type BpmnReport = {
  kind: "bpmn";
  kept: { lanes: number; steps: number; flows: number; notes: number };
  lost: Partial<Record<BpmnLostKind, number>>;
  /** Whether the file's own layout was kept, or Lots arranged the steps (a file without one). */
  layout: "kept" | "arranged";
};
