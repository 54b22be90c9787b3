/** Units as select options, indented by depth so the tree shows in a plain <select>. */
export function unitOptions(units: { id: string; name: string; depth: number }[]): { value: string; label: string }[] {
  return units.map((u) => ({ value: u.id, label: `${"\u00a0\u00a0".repeat(u.depth)}${u.name}` }));
}
