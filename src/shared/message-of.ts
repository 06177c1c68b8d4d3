/** An error's message, or the thrown value as text: for one-line notes and warnings, never a stack. */
export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
