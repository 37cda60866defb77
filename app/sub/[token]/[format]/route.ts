import { handleSubscriptionRequest } from "@/lib/subscription/server-context";

export const dynamic = "force-dynamic";

/** A user's subscription in the format named by the path: /sub/<token>/<format>. */
export async function GET(request: Request, { params }: { params: Promise<{ token: string; format: string }> }) {
  const { token, format } = await params;
  return handleSubscriptionRequest(request, token, format);
}
