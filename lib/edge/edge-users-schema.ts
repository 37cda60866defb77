import { z } from "zod";

/**
 * The body of GET /api/edge/users, as the panel builds it and the edge agent checks it. Kept apart
 * from edge-users.ts (server-only, database) so the agent can import it.
 */
export const edgeUserSchema = z.object({ email: z.string().min(1), id: z.uuid() });
export const edgeUsersSchema = z.object({ revision: z.string().regex(/^\d+$/), users: z.array(edgeUserSchema) });
export type EdgeUser = z.infer<typeof edgeUserSchema>;
export type EdgeUsers = z.infer<typeof edgeUsersSchema>;

/** The emails Rotor issues (`user-<id>@rotor`, see edgeUserEmail); the id is the first group. */
export const ROTOR_EMAIL = /^user-([1-9]\d{0,15})@rotor$/;
