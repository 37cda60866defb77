/** A host id as typed on the command line: a positive whole number. */
export function parseHostId(text: string): number | undefined {
  return /^[1-9]\d{0,15}$/.test(text) ? Number(text) : undefined;
}
