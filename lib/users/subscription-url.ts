/** The public subscription URL of a token, e.g. `https://panel.example/sub/<token>`. */
export function subscriptionUrl(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/+$/, "")}/sub/${encodeURIComponent(token)}`;
}
