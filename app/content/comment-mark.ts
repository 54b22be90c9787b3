import { Mark, mergeAttributes } from "@tiptap/core";

/**
 * Marks the text a comment thread is about. The mark lives in the Yjs document like any other
 * formatting, so the anchor moves with the text through everybody's concurrent edits.
 */
export const CommentMark = Mark.create({
  name: "comment",
  inclusive: false,
  // Several threads may cover the same words.
  excludes: "",
  addAttributes() {
    return {
      threadId: {
        default: null,
        parseHTML: (element) => element.getAttribute("data-thread"),
        renderHTML: (attributes) => ({ "data-thread": attributes.threadId as string }),
      },
    };
  },
  parseHTML() {
    return [{ tag: "span[data-thread]" }];
  },
  renderHTML({ HTMLAttributes }) {
    return ["span", mergeAttributes(HTMLAttributes, { class: "comment-anchor" }), 0];
  },
});
