import { z } from "zod";
import { USER_STATUSES, type UserStatus } from "@/lib/db/schema";
import { SORT_ORDERS, USER_SORTS, type SortOrder, type UserSort } from "./schema";

/** Rows per page of the admin users list. */
export const USERS_PAGE_SIZE = 50;

/** The list's state as it lives in the URL (`/users?search=&status=&sort=&order=&page=`). */
export interface UsersPageParams {
  search: string;
  status: UserStatus | undefined;
  sort: UserSort;
  order: SortOrder;
  page: number;
}

/** The order a column sorts in when first clicked: names A→Z, expiry soonest first, the rest newest or biggest first. */
export const FIRST_ORDER: Record<UserSort, SortOrder> = { username: "asc", created: "desc", expires: "asc", used: "desc", lastFetch: "desc" };

const DEFAULTS: UsersPageParams = { search: "", status: undefined, sort: "created", order: "desc", page: 1 };

const one = (value: unknown) => (Array.isArray(value) ? value[0] : value);

/**
 * A hand-edited or stale URL never breaks the page: a value that does not parse falls back to
 * its default (the list then shows what it applied).
 */
const paramsSchema = z.object({
  search: z.preprocess(one, z.string().trim().max(64)).catch(DEFAULTS.search),
  status: z.preprocess(one, z.enum(USER_STATUSES).optional()).catch(undefined),
  sort: z.preprocess(one, z.enum(USER_SORTS)).catch(DEFAULTS.sort),
  order: z.preprocess(one, z.enum(SORT_ORDERS).optional()).catch(undefined),
  page: z.preprocess(one, z.coerce.number().int().min(1).max(200_000)).catch(DEFAULTS.page),
});

export function parseUsersPageParams(searchParams: Record<string, string | string[] | undefined>): UsersPageParams {
  const { search, status, sort, order, page } = paramsSchema.parse(searchParams);
  return { search, status, sort, order: order ?? (sort === DEFAULTS.sort ? DEFAULTS.order : FIRST_ORDER[sort]), page };
}

/** The listUsersPage query for these params. */
export function usersPageQuery(params: UsersPageParams) {
  return {
    search: params.search,
    status: params.status,
    sort: params.sort,
    order: params.order,
    limit: USERS_PAGE_SIZE,
    offset: (params.page - 1) * USERS_PAGE_SIZE,
  };
}

/** The list's URL with some params changed; defaults are left out so URLs stay short. */
export function usersPageHref(params: UsersPageParams, changes: Partial<UsersPageParams> = {}): string {
  const next = { ...params, ...changes };
  const query = new URLSearchParams();
  if (next.search) query.set("search", next.search);
  if (next.status) query.set("status", next.status);
  if (next.sort !== DEFAULTS.sort || next.order !== DEFAULTS.order) {
    query.set("sort", next.sort);
    query.set("order", next.order);
  }
  if (next.page > 1) query.set("page", String(next.page));
  const text = query.toString();
  return text ? `/users?${text}` : "/users";
}

/** Where a column header links: the other order when the list is sorted by it, else its first order, from page 1. */
export function sortHref(params: UsersPageParams, sort: UserSort): string {
  const order = params.sort === sort ? (params.order === "asc" ? "desc" : "asc") : FIRST_ORDER[sort];
  return usersPageHref(params, { sort, order, page: 1 });
}
