import Collaboration from "@tiptap/extension-collaboration";
import CollaborationCaret from "@tiptap/extension-collaboration-caret";
import { CharacterCount } from "@tiptap/extensions";
import { EditorContent, useEditor, useEditorState } from "@tiptap/react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useRevalidator } from "react-router";
import { CommentsPanel, type Person } from "./comments.tsx";
import { editingItemChip } from "./item-chip-editing.tsx";
import { documentSchema, FRAGMENT } from "#app/content/schema.ts";
import { pictureIn } from "./image-insert.tsx";
import { useEditSession, useProviderState } from "./provider-state.ts";
import { type EditSession, type SaveState } from "./session.ts";
import { StatusBar } from "./status-bar.tsx";
import { Toolbar } from "./toolbar.tsx";
import { presenceOf } from "#app/models/presence.ts";

type Props = {
  documentId: string;
  canEdit: boolean;
  /** May write comments (every editor may; a commenter named on the draft may only that). */
  canComment?: boolean;
  me: Person;
  people: Person[];
  /** The server-rendered content, shown until the live document has arrived. */
  initialHtml: string;
};

/** Why the live connection stopped, as the person is told. */
type Refusal = "sessionEnded" | "accessWithdrawn" | "accessChanged" | "unreachable";

/** Close codes that mean the server decided (see hub.ts); anything else is the network. */
const refusals: Record<number, Exclude<Refusal, "unreachable">> = {
  4401: "sessionEnded",
  4403: "accessWithdrawn",
  4409: "accessChanged",
};

export default function CollabEditor(props: Props) {
  const { session, save, setSave } = useEditSession(props.documentId, {
    userId: props.me.id,
    keepLocalCopy: props.canEdit,
  });
  if (!session) return <StaticContent html={props.initialHtml} />;
  return <LiveEditor {...props} session={session} save={save} setSave={setSave} />;
}

function StaticContent({ html }: { html: string }) {
  return <div className="document-body prose" dangerouslySetInnerHTML={{ __html: html }} />;
}

function LiveEditor({
  documentId,
  session,
  canEdit,
  canComment = canEdit,
  me,
  people,
  initialHtml,
  save,
  setSave,
}: Props & { session: EditSession; save: SaveState; setSave: (s: SaveState) => void }) {
  const { t } = useTranslation();
  const revalidator = useRevalidator();
  const { connection, synced } = useProviderState(session);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [pastedImage, setPastedImage] = useState<File | null>(null);

  const editor = useEditor(
    {
      immediatelyRender: false,
      // Tiptap's base styles go in under the page's CSP nonce (a <style> without one is refused).
      injectNonce: pageNonce(),
      editable: canEdit,
      extensions: [
        ...documentSchema({ chip: editingItemChip(documentId) }),
        Collaboration.configure({ document: session.doc, field: FRAGMENT }),
        CollaborationCaret.configure({
          provider: session.provider,
          user: presenceOf(me),
        }),
        CharacterCount,
      ],
      editorProps: {
        // A pasted or dropped picture is described first, then stored; never inlined as data.
        handlePaste: (_view, event) => {
          const picture = canEdit ? pictureIn(event.clipboardData?.files) : null;
          if (picture) setPastedImage(picture);
          return picture !== null;
        },
        handleDrop: (_view, event) => {
          const picture = canEdit ? pictureIn((event as DragEvent).dataTransfer?.files) : null;
          if (picture) setPastedImage(picture);
          return picture !== null;
        },
        attributes: {
          class: "document-body prose",
          "aria-label": t("editor.contentLabel"),
          "aria-multiline": "true",
          role: "textbox",
        },
      },
    },
    [session],
  );

  useEffect(() => {
    const { provider, doc } = session;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onClose = (event: CloseEvent | null) => {
      const reason = event ? refusals[event.code] : undefined;
      // An upgrade the server refused (401/403) reaches the browser only as a failed connect.
      // After a few in a row, ask the page: it signs the person in again or says why not.
      if (!reason && provider.wsUnsuccessfulReconnects === 3) {
        setRefusal("unreachable");
        revalidator.revalidate();
        return;
      }
      if (!reason) return;
      if (reason !== "accessChanged") provider.disconnect();
      setRefusal(reason);
      // The page learns the new permission (or sends the person to sign in).
      revalidator.revalidate();
    };
    const onUpdate = (_update: Uint8Array, origin: unknown) => {
      if (origin === provider) return;
      setSave("saving");
      clearTimeout(timer);
      timer = setTimeout(() => session.confirmSaved(), 400);
    };
    const onConnected = ({ status }: { status: string }) => {
      if (status === "connected") setRefusal((r) => (r === "unreachable" ? null : r));
    };
    provider.on("connection-close", onClose);
    provider.on("status", onConnected);
    doc.on("update", onUpdate);
    return () => {
      clearTimeout(timer);
      provider.off("connection-close", onClose);
      provider.off("status", onConnected);
      doc.off("update", onUpdate);
    };
  }, [session, setSave, revalidator]);

  const words = useEditorState({
    editor,
    selector: ({ editor: e }) => (e ? (e.storage.characterCount as { words(): number }).words() : 0),
  });

  return (
    <div className="editor-layout">
      <div className="editor-main">
        <div className="editor-chrome">
          {canEdit && editor ? (
            <Toolbar
              editor={editor}
              documentId={documentId}
              pastedImage={pastedImage}
              onImageDone={() => setPastedImage(null)}
            />
          ) : null}
          <Presence session={session} me={me} />
        </div>
        {refusal ? (
          <p className="notice notice-error" role="alert">
            {t(`editor.refused.${refusal}`)}
          </p>
        ) : null}
        {!canEdit ? (
          <p className="notice notice-info">{t(canComment ? "editor.commentOnly" : "editor.readOnly")}</p>
        ) : null}
        {/* Until the live copy has arrived, show what the server rendered, so nothing flickers. */}
        {!synced ? <StaticContent html={initialHtml} /> : null}
        <div hidden={!synced}>
          <EditorContent editor={editor} />
        </div>
        <StatusBar connection={connection} save={canEdit ? save : null} words={words ?? 0} />
      </div>
      <CommentsPanel editor={editor} doc={session.doc} canComment={canComment} me={me} people={people} />
    </div>
  );
}

/** The nonce the page's scripts ran under; browsers show it to scripts only as the property. */
function pageNonce(): string | undefined {
  return document.querySelector<HTMLScriptElement>("script[nonce]")?.nonce || undefined;
}

type AwarenessUser = { id: string; name: string; color: string };

function Presence({ session, me }: { session: EditSession; me: Person }) {
  const { t } = useTranslation();
  const [others, setOthers] = useState<AwarenessUser[]>([]);
  useEffect(() => {
    const awareness = session.provider.awareness;
    const refresh = () => {
      // One avatar per person, however many tabs they have open.
      const seen = new Map<string, AwarenessUser>();
      for (const [clientId, state] of awareness.getStates()) {
        const user = (state as { user?: Partial<AwarenessUser> }).user;
        if (clientId === awareness.clientID || !user?.id || !user.name || user.id === me.id) continue;
        seen.set(user.id, { id: user.id, name: user.name, color: user.color ?? "#4f5d59" });
      }
      setOthers([...seen.values()]);
    };
    awareness.on("change", refresh);
    refresh();
    return () => awareness.off("change", refresh);
  }, [session, me.id]);
  return (
    <ul className="presence" aria-label={t("editor.presence", { count: others.length })}>
      {others.map((o) => (
        <li key={o.id} className="avatar" style={{ background: o.color }} title={o.name}>
          <span aria-hidden="true">{initials(o.name)}</span>
          <span className="visually-hidden">{o.name}</span>
        </li>
      ))}
    </ul>
  );
}

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]!.toUpperCase())
    .join("");
}
