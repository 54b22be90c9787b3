import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { itemHref } from "#app/domain/item-refs.ts";
import { nodeKinds, type MapEdge, type MapLane, type MapNode, type ProcessGraph } from "#app/models/process-map.ts";
import { LinkedList } from "../linked-list.tsx";
import { LinkedPanel } from "../linked-panel.tsx";
import { SelectField, TextField } from "../ui/field.tsx";

export type StepLink = {
  kind: string;
  id: string;
  linkId: string;
  href: string;
  title: string;
  status: string;
  attention: boolean;
};

type Props = {
  canEdit: boolean;
  graph: ProcessGraph;
  node: MapNode | null;
  edge: MapEdge | null;
  links: StepLink[];
  activityRef: string | null;
  subprocesses: { id: string; title: string }[];
  onChange: (change: Partial<Omit<MapNode, "id">>) => void;
  onRemove: () => void;
  onConnect: (target: string) => void;
  onEdgeLabel: (label: string) => void;
  onEdgeRemove: () => void;
  lanes: {
    list: MapLane[];
    add: (label: string) => void;
    rename: (id: string, label: string) => void;
    remove: (id: string) => void;
  };
};

/** The selected step or connection, and the lanes: everything the canvas does, by keyboard as well. */
export function StepPanel(props: Props) {
  const { t } = useTranslation();
  const { node, edge, canEdit } = props;
  return (
    <>
      {node ? (
        <section className="card" aria-labelledby="step-heading">
          <h2 id="step-heading">{t("processes.selectedStep")}</h2>
          {canEdit ? <StepFields {...props} node={node} /> : <p>{node.label}</p>}
          {node.kind === "subprocess" && node.processId ? (
            <p>
              <Link to={itemHref("process", node.processId)}>{t("processes.openSubprocess")}</Link>
            </p>
          ) : null}
          {node.kind === "activity" && props.activityRef ? (
            canEdit ? (
              <LinkedPanel self={{ kind: "activity", id: props.activityRef }} items={props.links} canLink sendSelf />
            ) : (
              <LinkedList items={props.links} />
            )
          ) : null}
        </section>
      ) : edge ? (
        <section className="card" aria-labelledby="edge-heading">
          <h2 id="edge-heading">{t("processes.selectedEdge")}</h2>
          {canEdit ? (
            <>
              <TextField
                label={t("processes.edgeLabel")}
                defaultValue={edge.label}
                maxLength={100}
                optional
                onChange={(e) => props.onEdgeLabel(e.currentTarget.value)}
              />
              <button type="button" className="button button-ghost" onClick={props.onEdgeRemove}>
                {t("processes.removeEdge")}
              </button>
            </>
          ) : (
            <p>{edge.label}</p>
          )}
        </section>
      ) : (
        <section className="card">
          <p className="muted">{t("processes.selectHint")}</p>
        </section>
      )}
      <Lanes {...props.lanes} canEdit={canEdit} />
    </>
  );
}

function StepFields({ node, graph, subprocesses, onChange, onRemove, onConnect }: Props & { node: MapNode }) {
  const { t } = useTranslation();
  const [target, setTarget] = useState("");
  const others = graph.nodes.filter((n) => n.id !== node.id && n.kind !== "note");
  return (
    <div className="stack">
      <TextField
        label={t("processes.stepLabel")}
        defaultValue={node.label}
        maxLength={200}
        onChange={(e) => onChange({ label: e.currentTarget.value })}
      />
      <SelectField
        label={t("processes.stepKind")}
        value={node.kind}
        onChange={(e) => onChange({ kind: e.currentTarget.value as MapNode["kind"] })}
        options={nodeKinds.map((k) => ({ value: k, label: t(`processes.kinds.${k}`) }))}
      />
      {node.kind === "subprocess" ? (
        <SelectField
          label={t("processes.subprocessOf")}
          value={node.processId ?? ""}
          onChange={(e) => onChange({ processId: e.currentTarget.value || null })}
          options={[
            { value: "", label: t("processes.noSubprocess") },
            ...subprocesses.map((p) => ({ value: p.id, label: p.title })),
          ]}
        />
      ) : null}
      {others.length > 0 ? (
        <div className="inline-fields">
          <SelectField
            label={t("processes.connectTo")}
            value={target}
            onChange={(e) => setTarget(e.currentTarget.value)}
            options={[{ value: "", label: "—" }, ...others.map((n) => ({ value: n.id, label: n.label || n.id }))]}
          />
          <button
            type="button"
            className="button button-secondary"
            disabled={!target}
            onClick={() => {
              onConnect(target);
              setTarget("");
            }}
          >
            {t("processes.connect")}
          </button>
        </div>
      ) : null}
      <button type="button" className="button button-ghost" onClick={onRemove}>
        {t("processes.removeStep")}
      </button>
    </div>
  );
}

function Lanes({ list, add, rename, remove, canEdit }: Props["lanes"] & { canEdit: boolean }) {
  const { t } = useTranslation();
  const [label, setLabel] = useState("");
  return (
    <section className="card" aria-labelledby="lanes-heading">
      <h2 id="lanes-heading">{t("processes.lanes")}</h2>
      {list.length === 0 ? <p className="muted">{t("processes.noLanes")}</p> : null}
      <ol className="plain-list">
        {list.map((lane) => (
          <li key={lane.id} className="inline-fields">
            {canEdit ? (
              <>
                <TextField
                  label={t("processes.laneName")}
                  defaultValue={lane.label}
                  maxLength={100}
                  onChange={(e) => rename(lane.id, e.currentTarget.value)}
                />
                <button type="button" className="button button-ghost" onClick={() => remove(lane.id)}>
                  {t("processes.removeLane", { name: lane.label })}
                </button>
              </>
            ) : (
              lane.label
            )}
          </li>
        ))}
      </ol>
      {canEdit ? (
        <form
          className="inline-fields"
          onSubmit={(e) => {
            e.preventDefault();
            if (!label.trim()) return;
            add(label.trim());
            setLabel("");
          }}
        >
          <TextField
            label={t("processes.newLane")}
            hint={t("processes.newLaneHint")}
            value={label}
            maxLength={100}
            onChange={(e) => setLabel(e.currentTarget.value)}
          />
          <button type="submit" className="button button-secondary">
            {t("processes.addLane")}
          </button>
        </form>
      ) : null}
    </section>
  );
}
