import { z } from "zod";
import { createHostBodySchema, hostJsonSchema, updateHostBodySchema } from "@/lib/hosts/api-schema";
import { hostIdParamsSchema } from "@/lib/hosts/host-id-params";
import { idParamsSchema } from "@/lib/http/id-params";
import { listEnvelope } from "@/lib/http/list-envelope";
import { rotateResultSchema, rotationEntryJsonSchema, stateJsonSchema } from "@/lib/rotation/api-schema";
import { listRotationsQuerySchema } from "@/lib/rotation/list-rotations";
import { bulkResultSchema, bulkUsersBodySchema, createUserBodySchema, listUsersApiQuerySchema, updateUserBodySchema, userJsonSchema } from "@/lib/users/api-schema";
import { defineOperation } from "./operation";

/**
 * Every /api/v1 operation, one entry each. Route modules hand their entry to apiRoute and the
 * OpenAPI document is built from this list, so what is validated is what is documented.
 */
export const operations = {
  listUsers: defineOperation({
    method: "GET", path: "/users", scope: "read", tag: "users", summary: "List users, oldest first, a page at a time",
    query: listUsersApiQuerySchema, response: listEnvelope(userJsonSchema),
  }),
  createUser: defineOperation({
    method: "POST", path: "/users", scope: "write", tag: "users", summary: "Create a user with a fresh VLESS uuid and subscription token",
    body: createUserBodySchema, response: userJsonSchema, status: 201, refusals: [409],
  }),
  bulkUsers: defineOperation({
    method: "POST", path: "/users/bulk", scope: "write", tag: "users", summary: "Apply one action to up to 1,000 users in one transaction",
    description: "Actions: enable, disable, delete, extend (with days), reset_token. All of it happens, or none of it.",
    body: bulkUsersBodySchema, response: bulkResultSchema,
  }),
  getUser: defineOperation({
    method: "GET", path: "/users/{id}", scope: "read", tag: "users", summary: "Read a user",
    params: idParamsSchema, response: userJsonSchema, refusals: [404],
  }),
  updateUser: defineOperation({
    method: "PATCH", path: "/users/{id}", scope: "write", tag: "users", summary: "Change some of a user's fields",
    description: "Absent fields keep their value; null clears a data limit or an expiry; unknown fields are refused.",
    params: idParamsSchema, body: updateUserBodySchema, response: userJsonSchema, refusals: [404, 409],
  }),
  deleteUser: defineOperation({
    method: "DELETE", path: "/users/{id}", scope: "write", tag: "users", summary: "Delete a user and their fetch history",
    params: idParamsSchema, status: 204, refusals: [404],
  }),
  resetUserToken: defineOperation({
    method: "POST", path: "/users/{id}/reset-token", scope: "write", tag: "users", summary: "Give a user a new subscription URL; the old one stops working",
    params: idParamsSchema, response: userJsonSchema, refusals: [404],
  }),
  resetUserTraffic: defineOperation({
    method: "POST", path: "/users/{id}/reset-traffic", scope: "write", tag: "users", summary: "Set a user's used traffic to 0 now; a limited user becomes active again",
    description: "Upload and download go to 0 (lifetimeBytes keeps counting); audited as user.traffic_reset.",
    params: idParamsSchema, response: userJsonSchema, refusals: [404],
  }),
  listHosts: defineOperation({
    method: "GET", path: "/hosts", scope: "read", tag: "hosts", summary: "List hosts in subscription order (one page: nextCursor is always null)",
    response: listEnvelope(hostJsonSchema),
  }),
  createHost: defineOperation({
    method: "POST", path: "/hosts", scope: "write", tag: "hosts", summary: "Create a host and give it its first path",
    body: createHostBodySchema, response: hostJsonSchema, status: 201, refusals: [409],
  }),
  getHost: defineOperation({
    method: "GET", path: "/hosts/{id}", scope: "read", tag: "hosts", summary: "Read a host",
    params: hostIdParamsSchema, response: hostJsonSchema, refusals: [404],
  }),
  updateHost: defineOperation({
    method: "PATCH", path: "/hosts/{id}", scope: "write", tag: "hosts", summary: "Change some of a host's fields",
    description: "Absent fields keep their value; unknown fields are refused; the merged host is validated as a whole.",
    params: hostIdParamsSchema, body: updateHostBodySchema, response: hostJsonSchema, refusals: [404, 409],
  }),
  deleteHost: defineOperation({
    method: "DELETE", path: "/hosts/{id}", scope: "write", tag: "hosts", summary: "Delete a host, its live state and its history",
    params: hostIdParamsSchema, status: 204, refusals: [404, 503],
  }),
  rotateHost: defineOperation({
    method: "POST", path: "/hosts/{id}/rotate", scope: "rotate", tag: "hosts", summary: "Rotate a host's path now",
    description: "409 too_soon (with Retry-After) while the next path is still being announced.",
    params: hostIdParamsSchema, response: rotateResultSchema, refusals: [404, 409, 503],
  }),
  getHostState: defineOperation({
    method: "GET", path: "/hosts/{id}/state", scope: "read", tag: "hosts", summary: "A host's live rotation state",
    params: hostIdParamsSchema, response: stateJsonSchema, refusals: [404],
  }),
  listRotations: defineOperation({
    method: "GET", path: "/rotations", scope: "read", tag: "rotations", summary: "Rotation history, newest first, a page at a time",
    query: listRotationsQuerySchema, response: listEnvelope(rotationEntryJsonSchema),
  }),
  openapi: defineOperation({
    method: "GET", path: "/openapi.json", scope: null, tag: "meta", summary: "This API's OpenAPI 3.1 document (public: it documents, it exposes no data)",
    response: z.record(z.string(), z.unknown()),
  }),
};
