import type { CliContext } from "./command";

/** PUBLIC_URL, or the local server's URL with a warning: the CLI has no request to read a host from. */
export function cliBaseUrl(context: CliContext): string {
  if (context.env.PUBLIC_URL) return context.env.PUBLIC_URL;
  const fallback = `http://localhost:${context.env.PORT}`;
  context.err(`note: PUBLIC_URL is not set; links use ${fallback}`);
  return fallback;
}
