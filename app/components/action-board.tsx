import {
  DndContext,
  PointerSensor,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
} from "@dnd-kit/core";
import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, useFetcher, useNavigate } from "react-router";
import type { ActionMove } from "#app/models/action-states.ts";
import { formatDate } from "#app/utils/dates.ts";
import type { FieldErrors } from "#app/utils/forms.ts";
import { actionStatuses, type ActionStatus } from "#app/domain/values.ts";
import { Notice } from "./ui/notice.tsx";

export type BoardAction = {
  id: string;
  number: number;
  title: string;
  ownerName: string;
  dueOn: string;
  status: ActionStatus;
  overdue: boolean;
  /** What this person may do with the action now, and the column each move leads to. */
  moves: { move: ActionMove; to: ActionStatus }[];
};

/** Judging the effect needs a written result: it happens on the action's own page. */
const judging = (move: ActionMove) => move === "verifyEffect" || move === "markNotEffective";

/**
 * The actions as a board, one column per status. A card is dragged to the column it should move
 * to; the same moves are offered on each card as a small form, for the keyboard and for pages
 * without JavaScript.
 */
export function ActionBoard({ actions }: { actions: BoardAction[] }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<{ errors: FieldErrors }>();
  const navigate = useNavigate();
  const [refused, setRefused] = useState<string | null>(null);
  // A short drag threshold keeps a click on the card's link a click.
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 8 } }));
  const byId = new Map(actions.map((a) => [a.id, a]));
  const named = (id: unknown) => {
    const a = byId.get(String(id));
    return a ? t("actions.board.card", { number: a.number, title: a.title }) : "";
  };
  const column = (status: unknown) => t(`actionStatuses.${status as ActionStatus}`);
  const announcements: Announcements = {
    onDragStart: ({ active }) => t("actions.board.pickedUp", { card: named(active.id) }),
    onDragOver: ({ active, over }) =>
      over ? t("actions.board.over", { card: named(active.id), column: column(over.id) }) : undefined,
    onDragEnd: ({ active, over }) =>
      over ? t("actions.board.dropped", { card: named(active.id), column: column(over.id) }) : undefined,
    onDragCancel: ({ active }) => t("actions.board.cancelled", { card: named(active.id) }),
  };

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    const action = byId.get(String(active.id));
    if (!action || !over || over.id === action.status) return;
    const chosen = action.moves.find((m) => m.to === over.id);
    if (!chosen) {
      setRefused(t("actions.board.cannotMove", { card: named(action.id), column: column(over.id) }));
      return;
    }
    setRefused(null);
    if (judging(chosen.move)) {
      navigate(`/atgarder/${action.id}#effekt`);
      return;
    }
    void fetcher.submit({ intent: "move", move: chosen.move }, { method: "post", action: `/atgarder/${action.id}` });
  };

  const failed = fetcher.state === "idle" ? fetcher.data?.errors.form : undefined;
  return (
    <>
      {refused ? <Notice tone="error">{refused}</Notice> : null}
      {failed ? <Notice tone="error">{t(failed.key as "errors.unit.notFound")}</Notice> : null}
      <DndContext
        id="action-board"
        sensors={sensors}
        onDragEnd={onDragEnd}
        accessibility={{
          announcements,
          screenReaderInstructions: { draggable: t("actions.board.instructions") },
        }}
      >
        <div className="board">
          {actionStatuses.map((status) => {
            const inColumn = actions.filter((a) => a.status === status);
            return (
              <Column key={status} status={status} count={inColumn.length}>
                {inColumn.length === 0 ? (
                  <p className="board-empty">{t("actions.noneInColumn")}</p>
                ) : (
                  <ul>
                    {inColumn.map((a) => (
                      <Card key={a.id} action={a} />
                    ))}
                  </ul>
                )}
              </Column>
            );
          })}
        </div>
      </DndContext>
    </>
  );
}

function Column({ status, count, children }: { status: ActionStatus; count: number; children: ReactNode }) {
  const { t } = useTranslation();
  const { setNodeRef, isOver } = useDroppable({ id: status });
  return (
    <section
      ref={setNodeRef}
      className={isOver ? "board-column board-column-over" : "board-column"}
      aria-labelledby={`column-${status}`}
    >
      <h2 id={`column-${status}`}>
        {t(`actionStatuses.${status}`)} <span className="muted">({count})</span>
      </h2>
      {children}
    </section>
  );
}

function Card({ action: a }: { action: BoardAction }) {
  const { t, i18n } = useTranslation();
  const fetcher = useFetcher();
  const { setNodeRef, listeners, transform, isDragging } = useDraggable({
    id: a.id,
    disabled: a.moves.length === 0,
  });
  const plain = a.moves.filter((m) => !judging(m.move));
  const failed =
    fetcher.state === "idle" ? (fetcher.data as { errors?: FieldErrors } | undefined)?.errors?.form : undefined;
  const canJudge = a.moves.some((m) => judging(m.move));
  return (
    <li
      ref={setNodeRef}
      className={isDragging ? "board-card board-card-dragging" : "board-card"}
      // Set through the DOM while dragging only, so the strict style policy is not involved.
      style={transform ? { transform: `translate3d(${transform.x}px, ${transform.y}px, 0)` } : undefined}
      {...listeners}
    >
      <Link to={`/atgarder/${a.id}`}>
        {a.number}. {a.title}
      </Link>
      <span className="muted">
        {" "}
        · {a.ownerName} · {t("actions.dueShort", { date: formatDate(a.dueOn, i18n.language) })}
      </span>{" "}
      {a.overdue ? <span className="badge badge-inactive">{t("actions.overdue")}</span> : null}
      {plain.length > 0 ? (
        <details className="board-move">
          <summary aria-label={t("actions.board.moveCard", { number: a.number })}>{t("actions.board.move")}</summary>
          <fetcher.Form method="post" action={`/atgarder/${a.id}`}>
            <input type="hidden" name="intent" value="move" />
            <div className="field">
              <label htmlFor={`move-${a.id}`}>{t("actions.board.moveTo")}</label>
              <select id={`move-${a.id}`} name="move">
                {plain.map((m) => (
                  <option key={m.move} value={m.move}>
                    {t(`actionStatuses.${m.to}`)}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="button button-secondary" disabled={fetcher.state !== "idle"}>
              {t("actions.board.moveSubmit")}
            </button>
          </fetcher.Form>
          {failed ? <p role="alert">{t(failed.key as "errors.unit.notFound")}</p> : null}
        </details>
      ) : null}
      {canJudge ? (
        <Link to={`/atgarder/${a.id}#effekt`} className="board-judge">
          {t("actions.board.judge")}
        </Link>
      ) : null}
    </li>
  );
}
