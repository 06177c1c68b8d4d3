/**
 * The line of a stopped buildkitd's log that says why it stopped, so it can lead the one-line error instead of
 * hiding in a log tail: urfave/cli prints "Incorrect Usage. flag provided but not defined: ..." FIRST and then
 * the whole usage text (longer than any tail); a fatal start-up error is buildkitd's LAST line, "buildkitd: ...".
 */
export function exitReason(log: string): string | undefined {
  const lines = log.split("\n").map((l) => l.trim());
  const usage = lines.find((l) => l.startsWith("Incorrect Usage"));
  if (usage !== undefined) return usage;
  return lines.filter((l) => l.startsWith("buildkitd: ")).at(-1);
}
