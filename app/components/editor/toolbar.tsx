import type { Editor } from "@tiptap/core";
import { useEditorState } from "@tiptap/react";
import { useState, type FormEvent, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ImageInsert } from "./image-insert.tsx";

type Button = {
  key: string;
  label: string;
  text: ReactNode;
  active?: boolean;
  run: () => void;
  disabled?: boolean;
};

/** Formatting for people who would rather click than remember shortcuts; every button has a name. */
export function Toolbar({
  editor,
  documentId,
  pastedImage,
  onImageDone,
}: {
  editor: Editor;
  documentId: string;
  /** A picture pasted or dropped into the text, waiting for its description. */
  pastedImage: File | null;
  onImageDone: () => void;
}) {
  const { t } = useTranslation();
  const [linking, setLinking] = useState(false);
  const [choosingImage, setChoosingImage] = useState(false);
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      h1: e.isActive("heading", { level: 1 }),
      h2: e.isActive("heading", { level: 2 }),
      h3: e.isActive("heading", { level: 3 }),
      bold: e.isActive("bold"),
      italic: e.isActive("italic"),
      underline: e.isActive("underline"),
      strike: e.isActive("strike"),
      bullet: e.isActive("bulletList"),
      ordered: e.isActive("orderedList"),
      task: e.isActive("taskList"),
      link: e.isActive("link"),
      table: e.isActive("table"),
      canUndo: e.can().undo(),
      canRedo: e.can().redo(),
    }),
  });
  const chain = () => editor.chain().focus();
  const groups: Button[][] = [
    [
      { key: "undo", label: t("editor.undo"), text: "↶", run: () => chain().undo().run(), disabled: !state.canUndo },
      { key: "redo", label: t("editor.redo"), text: "↷", run: () => chain().redo().run(), disabled: !state.canRedo },
    ],
    [
      {
        key: "h1",
        label: t("editor.heading", { level: 1 }),
        text: "H1",
        active: state.h1,
        run: () => chain().toggleHeading({ level: 1 }).run(),
      },
      {
        key: "h2",
        label: t("editor.heading", { level: 2 }),
        text: "H2",
        active: state.h2,
        run: () => chain().toggleHeading({ level: 2 }).run(),
      },
      {
        key: "h3",
        label: t("editor.heading", { level: 3 }),
        text: "H3",
        active: state.h3,
        run: () => chain().toggleHeading({ level: 3 }).run(),
      },
    ],
    [
      {
        key: "bold",
        label: t("editor.bold"),
        text: t("editor.boldLetter"),
        active: state.bold,
        run: () => chain().toggleBold().run(),
      },
      {
        key: "italic",
        label: t("editor.italic"),
        text: t("editor.italicLetter"),
        active: state.italic,
        run: () => chain().toggleItalic().run(),
      },
      {
        key: "underline",
        label: t("editor.underline"),
        text: t("editor.underlineLetter"),
        active: state.underline,
        run: () => chain().toggleUnderline().run(),
      },
      {
        key: "strike",
        label: t("editor.strike"),
        text: t("editor.strikeLetter"),
        active: state.strike,
        run: () => chain().toggleStrike().run(),
      },
    ],
    [
      {
        key: "bullet",
        label: t("editor.bulletList"),
        text: "•",
        active: state.bullet,
        run: () => chain().toggleBulletList().run(),
      },
      {
        key: "ordered",
        label: t("editor.orderedList"),
        text: "1.",
        active: state.ordered,
        run: () => chain().toggleOrderedList().run(),
      },
      {
        key: "task",
        label: t("editor.taskList"),
        text: "☑",
        active: state.task,
        run: () => chain().toggleTaskList().run(),
      },
    ],
    [
      {
        key: "link",
        label: t("editor.link"),
        text: <LinkIcon />,
        active: state.link,
        run: () => setLinking((v) => !v),
      },
      {
        key: "table",
        label: t("editor.insertTable"),
        text: "▦",
        active: state.table,
        run: () => chain().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run(),
        disabled: state.table,
      },
      {
        key: "image",
        label: t("editor.image"),
        text: <ImageIcon />,
        active: choosingImage,
        run: () => setChoosingImage((v) => !v),
      },
    ],
  ];
  const tableTools: Button[] = state.table
    ? [
        {
          key: "row",
          label: t("editor.addRow"),
          text: t("editor.addRowShort"),
          run: () => chain().addRowAfter().run(),
        },
        {
          key: "col",
          label: t("editor.addColumn"),
          text: t("editor.addColumnShort"),
          run: () => chain().addColumnAfter().run(),
        },
        {
          key: "delrow",
          label: t("editor.deleteRow"),
          text: t("editor.deleteRowShort"),
          run: () => chain().deleteRow().run(),
        },
        {
          key: "delcol",
          label: t("editor.deleteColumn"),
          text: t("editor.deleteColumnShort"),
          run: () => chain().deleteColumn().run(),
        },
        {
          key: "deltable",
          label: t("editor.deleteTable"),
          text: t("editor.deleteTableShort"),
          run: () => chain().deleteTable().run(),
        },
      ]
    : [];

  return (
    <div className="toolbar-wrap">
      <div className="toolbar" role="toolbar" aria-label={t("editor.toolbar")}>
        {groups.map((group, i) => (
          <div className="toolbar-group" key={i}>
            {group.map((b) => (
              <ToolbarButton key={b.key} button={b} />
            ))}
          </div>
        ))}
        {tableTools.length > 0 ? (
          <div className="toolbar-group">
            {tableTools.map((b) => (
              <ToolbarButton key={b.key} button={b} />
            ))}
          </div>
        ) : null}
      </div>
      {linking ? <LinkForm editor={editor} onDone={() => setLinking(false)} /> : null}
      {choosingImage || pastedImage ? (
        <ImageInsert
          editor={editor}
          documentId={documentId}
          file={pastedImage}
          onDone={() => {
            setChoosingImage(false);
            onImageDone();
          }}
        />
      ) : null}
    </div>
  );
}

function ToolbarButton({ button }: { button: Button }) {
  // A visible word or number must be part of the button's name (WCAG 2.5.3), e.g. "H1 Rubrik 1".
  const spoken =
    typeof button.text === "string" && /[\p{L}\p{N}]/u.test(button.text)
      ? `${button.text} ${button.label}`
      : button.label;
  return (
    <button
      type="button"
      className="toolbar-button"
      aria-label={spoken}
      title={button.label}
      aria-pressed={button.active === undefined ? undefined : button.active}
      disabled={button.disabled}
      // Keep the selection in the editor while clicking.
      onMouseDown={(e) => e.preventDefault()}
      onClick={button.run}
    >
      <span aria-hidden="true">{button.text}</span>
    </button>
  );
}

function LinkForm({ editor, onDone }: { editor: Editor; onDone: () => void }) {
  const { t } = useTranslation();
  const [href, setHref] = useState(() => (editor.getAttributes("link").href as string | undefined) ?? "https://");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const value = href.trim();
    if (!value || value === "https://") editor.chain().focus().extendMarkRange("link").unsetLink().run();
    else editor.chain().focus().extendMarkRange("link").setLink({ href: value }).run();
    onDone();
  };
  return (
    <form className="link-form" onSubmit={submit}>
      <label htmlFor="link-href">{t("editor.linkAddress")}</label>
      <input
        id="link-href"
        type="url"
        value={href}
        onChange={(e) => setHref(e.currentTarget.value)}
        autoFocus
        maxLength={2000}
      />
      <button type="submit" className="button button-secondary">
        {t("editor.linkApply")}
      </button>
      <button type="button" className="button button-ghost" onClick={onDone}>
        {t("common.cancel")}
      </button>
    </form>
  );
}

function ImageIcon() {
  return (
    <svg viewBox="0 0 24 24" width="18" height="18" style={{ verticalAlign: "middle" }}>
      <rect x="3" y="5" width="18" height="14" rx="2" fill="none" stroke="currentColor" strokeWidth="2" />
      <path d="M3 17l5-5 4 4 3-3 6 6" fill="none" stroke="currentColor" strokeWidth="2" strokeLinejoin="round" />
      <circle cx="16" cy="9" r="1.6" fill="currentColor" />
    </svg>
  );
}

function LinkIcon() {
  return (
    <svg viewBox="0 0 24 24" width="18" height="18" style={{ verticalAlign: "middle" }}>
      <path
        d="M10 14a4 4 0 005.7 0l3-3a4 4 0 00-5.7-5.7l-1 1M14 10a4 4 0 00-5.7 0l-3 3a4 4 0 005.7 5.7l1-1"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
      />
    </svg>
  );
}
