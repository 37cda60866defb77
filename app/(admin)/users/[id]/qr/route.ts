import { can } from "@/lib/auth/roles";
import { currentAdmin } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { findUser } from "@/lib/users/get-user";
import { panelBaseUrl } from "@/lib/users/panel-base-url";
import { subscriptionQrPng, subscriptionQrSvg } from "@/lib/users/subscription-qr";
import { subscriptionUrl } from "@/lib/users/subscription-url";

export const dynamic = "force-dynamic";

const plain = (status: number, body: string) => new Response(body, { status, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });

/** GET /users/<id>/qr?format=svg|png: the QR code of a user's subscription URL, as a download, for admins only. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const admin = await currentAdmin();
  if (!admin) return plain(401, "Sign in first.");
  if (!can(admin.role, "view")) return plain(403, "Your role may not do this.");
  const format = new URL(request.url).searchParams.get("format") ?? "svg";
  if (format !== "svg" && format !== "png") return plain(400, 'format must be "svg" or "png".');
  const user = findUser(getDb(), (await params).id);
  if (!user) return plain(404, "No such user.");
  const url = subscriptionUrl(panelBaseUrl(request.headers), user.subscriptionToken);
  const body = format === "png" ? new Uint8Array(await subscriptionQrPng(url)) : await subscriptionQrSvg(url);
  return new Response(body, {
    headers: {
      "content-type": format === "png" ? "image/png" : "image/svg+xml; charset=utf-8",
      "content-disposition": `attachment; filename="${user.username}-subscription.${format}"`,
      // The picture holds the user's token: never keep it in a shared cache.
      "cache-control": "private, no-store",
    },
  });
}
