import { Fragment } from "react";

/** A search passage: hits arrive between \u0001 and \u0002 and are shown as <mark>, the rest as text. */
export function SearchHit({ snippet }: { snippet: string }) {
  const [lead, ...rest] = snippet.split("\u0001");
  return (
    <p className="search-hit">
      {lead}
      {rest.map((part, i) => {
        const [hit, after] = part.split("\u0002");
        return (
          <Fragment key={i}>
            <mark>{hit}</mark>
            {after}
          </Fragment>
        );
      })}
    </p>
  );
}
