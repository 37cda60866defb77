/** One-tap import links per app (formats.md, `html`), for a subscription URL and a profile name. */
export interface ImportLink {
  app: string;
  platforms: string;
  href: string;
}

export function importLinks(subscriptionUrl: string, name: string): ImportLink[] {
  const url = encodeURIComponent(subscriptionUrl);
  const label = encodeURIComponent(name);
  return [
    { app: "Hiddify", platforms: "Android, iOS, Windows, macOS, Linux", href: `hiddify://import/${subscriptionUrl}#${label}` },
    { app: "v2rayNG", platforms: "Android", href: `v2rayng://install-config?url=${url}#${label}` },
    { app: "Happ", platforms: "Android, iOS, Windows, macOS", href: `happ://add/${subscriptionUrl}` },
    { app: "Streisand", platforms: "iOS, macOS", href: `streisand://import/${subscriptionUrl}#${label}` },
    { app: "Clash Meta / mihomo", platforms: "Android, Windows, macOS, Linux", href: `clash://install-config?url=${url}&name=${label}` },
    { app: "sing-box", platforms: "Android, iOS, macOS", href: `sing-box://import-remote-profile?url=${url}#${label}` },
  ];
}
