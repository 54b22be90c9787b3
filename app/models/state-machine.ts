/** A register item's life as a table of moves: from which states each move may be made, and where it leads. */
export type Moves<S extends string, M extends string> = Record<M, { from: readonly S[]; to: S }>;

export function stateMachine<S extends string, M extends string>(moves: Moves<S, M>) {
  const canMove = (status: S, move: M) => moves[move].from.includes(status);
  return {
    canMove,
    /** The status after a move, or null when the move is not allowed from here. */
    nextStatus: (status: S, move: M): S | null => (canMove(status, move) ? moves[move].to : null),
    allowedMoves: (status: S): M[] => (Object.keys(moves) as M[]).filter((move) => canMove(status, move)),
  };
}
