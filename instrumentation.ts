/** Next.js start-up hook: runs once per server process before it serves requests. */
export async function register(): Promise<void> {
  // NEXT_RUNTIME is set by Next itself, not by the operator, so it is read here rather than in lib/env.
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { bootstrapServerOrExit } = await import("@/lib/bootstrap");
  await bootstrapServerOrExit();
}
