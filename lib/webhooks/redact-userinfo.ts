/**
 * Removes the userinfo (`user:password@`) of every URL in a text. Error messages of `fetch` quote
 * the URL they refused, and such text is stored in the delivery log, logged and shown in the panel.
 * The userinfo ends at the last "@" before the host's end (WHATWG URL: "/", "?", "#").
 */
export function redactUserinfo(text: string): string {
  return text.replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#]*@/gi, "$1");
}

/** Whether a URL carries a user name or a password. */
export function hasUserinfo(url: string): boolean {
  if (!URL.canParse(url)) return false;
  const { username, password } = new URL(url);
  return username !== "" || password !== "";
}
