import type { Editor } from "@tiptap/core";
import { useEditorState } from "@tiptap/react";
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type * as Y from "yjs";
import {
  COMMENTS,
  MAX_COMMENT_LENGTH,
  mentionsIn,
  newCommentId,
  readThreads,
  reply,
  setResolved,
  startThread,
  type Thread,
} from "#app/content/comment-threads.ts";
import { formatDateTime } from "#app/utils/dates.ts";

export type Person = { id: string; name: string };

type Props = { editor: Editor | null; doc: Y.Doc; canComment: boolean; me: Person; people: Person[] };

function useThreads(doc: Y.Doc): Thread[] {
  const [threads, setThreads] = useState<Thread[]>(() => readThreads(doc));
  useEffect(() => {
    const map = doc.getMap(COMMENTS);
    const refresh = () => setThreads(readThreads(doc));
    map.observeDeep(refresh);
    refresh();
    return () => map.unobserveDeep(refresh);
  }, [doc]);
  return threads;
}

/** The comment sidebar: open threads by default, resolved ones on request, all live. */
export function CommentsPanel({ editor, doc, canComment, me, people }: Props) {
  const { t, i18n } = useTranslation();
  const threads = useThreads(doc);
  const [showResolved, setShowResolved] = useState(false);
  const [composing, setComposing] = useState<{ from: number; to: number; quote: string } | null>(null);
  const selection = useEditorState({
    editor,
    selector: ({ editor: e }) => {
      if (!e) return null;
      const { from, to, empty } = e.state.selection;
      return empty ? null : { from, to, quote: e.state.doc.textBetween(from, to, " ") };
    },
  });
  const open = threads.filter((th) => !th.resolved);
  const shown = showResolved ? threads : open;

  const message = (text: string) => ({
    id: newCommentId(),
    authorId: me.id,
    authorName: me.name,
    text,
    createdAt: Date.now(),
    mentions: mentionsIn(text, people),
  });

  const start = (text: string) => {
    if (!editor || !composing) return;
    const threadId = newCommentId();
    editor.chain().setTextSelection({ from: composing.from, to: composing.to }).setMark("comment", { threadId }).run();
    startThread(doc, threadId, composing.quote, message(text));
    setComposing(null);
  };

  const reveal = (threadId: string) => {
    const anchor = editor?.view.dom.querySelector(`[data-thread="${CSS.escape(threadId)}"]`);
    anchor?.scrollIntoView({ block: "center", behavior: "smooth" });
    anchor?.classList.add("comment-anchor-flash");
    setTimeout(() => anchor?.classList.remove("comment-anchor-flash"), 1200);
  };

  return (
    <aside className="comments" aria-labelledby="comments-heading">
      <div className="comments-header">
        <h2 id="comments-heading">{t("comments.title", { count: open.length })}</h2>
        <label className="toggle">
          <input type="checkbox" checked={showResolved} onChange={(e) => setShowResolved(e.currentTarget.checked)} />{" "}
          {t("comments.showResolved")}
        </label>
      </div>
      {canComment ? (
        composing ? (
          <div className="comment-new">
            <blockquote>{composing.quote}</blockquote>
            <Composer
              people={people}
              label={t("comments.newLabel")}
              submitLabel={t("comments.start")}
              onSubmit={start}
              onCancel={() => setComposing(null)}
            />
          </div>
        ) : (
          <button
            type="button"
            className="button button-secondary"
            disabled={!selection}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => selection && setComposing(selection)}
          >
            {t("comments.add")}
          </button>
        )
      ) : null}
      {canComment && !selection && !composing ? <p className="field-hint">{t("comments.selectHint")}</p> : null}
      {shown.length === 0 ? <p className="muted">{t("comments.none")}</p> : null}
      <ol className="thread-list">
        {shown.map((thread) => (
          <li
            key={thread.id}
            id={`thread-${thread.id}`}
            className={`thread${thread.resolved ? " thread-resolved" : ""}`}
          >
            <button type="button" className="thread-quote" onClick={() => reveal(thread.id)}>
              <span className="visually-hidden">{t("comments.showInText")}: </span>
              {thread.quote}
            </button>
            <ol className="messages">
              {thread.messages.map((m) => (
                <li key={m.id} className="message">
                  <div className="message-meta">
                    <strong>{m.authorName}</strong>{" "}
                    <time dateTime={new Date(m.createdAt).toISOString()}>
                      {formatDateTime(m.createdAt, i18n.language)}
                    </time>
                  </div>
                  <p className="message-text">{m.text}</p>
                </li>
              ))}
            </ol>
            {canComment ? (
              <div className="thread-actions">
                {!thread.resolved ? (
                  <Composer
                    people={people}
                    label={t("comments.replyLabel")}
                    submitLabel={t("comments.reply")}
                    onSubmit={(text) => reply(doc, thread.id, message(text))}
                    compact
                  />
                ) : null}
                <button
                  type="button"
                  className="button button-ghost"
                  onClick={() => setResolved(doc, thread.id, !thread.resolved)}
                >
                  {thread.resolved ? t("comments.reopen") : t("comments.resolve")}
                </button>
              </div>
            ) : null}
          </li>
        ))}
      </ol>
    </aside>
  );
}

/** A comment box that suggests colleagues after "@". */
function Composer({
  people,
  label,
  submitLabel,
  onSubmit,
  onCancel,
  compact,
}: {
  people: Person[];
  label: string;
  submitLabel: string;
  onSubmit: (text: string) => void;
  onCancel?: () => void;
  compact?: boolean;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [text, setText] = useState("");
  const area = useRef<HTMLTextAreaElement>(null);
  const query = /(?:^|\s)@([\p{L}\p{M}.-]*)$/u.exec(text)?.[1];
  const suggestions =
    query === undefined ? [] : people.filter((p) => p.name.toLowerCase().startsWith(query.toLowerCase())).slice(0, 6);

  const mention = (person: Person) => {
    setText((current) => current.replace(/@([\p{L}\p{M}.-]*)$/u, `@${person.name} `));
    area.current?.focus();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const value = text.trim();
    if (!value) return;
    onSubmit(value);
    setText("");
  };
  return (
    <form className={`composer${compact ? " composer-compact" : ""}`} onSubmit={submit}>
      <label htmlFor={id} className={compact ? "visually-hidden" : undefined}>
        {label}
      </label>
      <textarea
        id={id}
        ref={area}
        rows={compact ? 2 : 3}
        value={text}
        maxLength={MAX_COMMENT_LENGTH}
        placeholder={t("comments.placeholder")}
        onChange={(e) => setText(e.currentTarget.value)}
      />
      {suggestions.length > 0 ? (
        <ul className="mention-list" aria-label={t("comments.mentionSuggestions")}>
          {suggestions.map((p) => (
            <li key={p.id}>
              <button type="button" onClick={() => mention(p)}>
                @{p.name}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="composer-actions">
        <button type="submit" className="button" disabled={!text.trim()}>
          {submitLabel}
        </button>
        {onCancel ? (
          <button type="button" className="button button-ghost" onClick={onCancel}>
            {t("common.cancel")}
          </button>
        ) : null}
      </div>
    </form>
  );
}
