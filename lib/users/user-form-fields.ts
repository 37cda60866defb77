/** The user form's field names, shared by the form (client) and its parser (server) without pulling zod into the browser. */
export const USER_FORM_FIELDS = ["username", "dataLimitBytes", "resetStrategy", "expiresAt", "onHoldSeconds", "note"] as const;
export type UserFormField = (typeof USER_FORM_FIELDS)[number];

/** The name of the hidden copy of a field's initial text in the edit form. */
export function beforeFieldName(field: UserFormField): string {
  return `${field}:before`;
}
