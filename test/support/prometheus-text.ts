/** Parses Prometheus text exposition into `name{labels}` → value, checking every line's shape. */
export function sampleValues(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  for (const line of text.split("\n")) {
    if (line === "" || /^# (HELP|TYPE) rotor_[a-z_]+ /.test(line)) continue;
    const match = /^(rotor_[a-z_]+(?:\{[^}]*\})?) (\S+)$/.exec(line);
    if (!match) throw new Error(`not a Prometheus sample line: ${JSON.stringify(line)}`);
    samples.set(match[1]!, Number(match[2]));
  }
  return samples;
}
