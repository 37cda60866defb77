import { handleSubscriptionRequest } from "@/lib/subscription/server-context";

export const dynamic = "force-dynamic";

/** A user's subscription, in the format their client's User-Agent (or ?format=) asks for. */
export async function GET(request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return handleSubscriptionRequest(request, token, null);
}
