/** People as select options; with a placeholder first when the choice must be made deliberately. */
export function personOptions(
  people: { id: string; name: string }[],
  placeholder?: string,
): { value: string; label: string }[] {
  const options = people.map((p) => ({ value: p.id, label: p.name }));
  return placeholder === undefined ? options : [{ value: "", label: placeholder }, ...options];
}
