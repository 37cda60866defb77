"use client";

import { useActionState, useRef, useState } from "react";
import { buttonClass } from "@/components/button-class";
import { ConfirmButton } from "@/components/confirm-button";
import { INPUT_CLASS } from "@/components/field";
import { FormMessage } from "@/components/form-message";
import type { ActionState } from "@/lib/admin/admin-action";

/**
 * The users table inside one form: the checked rows' `ids` and the pressed button's `intent` go
 * to `action` together. The server caps a request at 1,000 users; a page holds 50.
 */
export function BulkActions({ action, children }: { action: (state: ActionState, formData: FormData) => Promise<ActionState>; children: React.ReactNode }) {
  const [state, formAction, pending] = useActionState(action, {});
  const [selected, setSelected] = useState(0);
  const extend = useRef<HTMLButtonElement>(null);
  return (
    <form
      action={formAction}
      aria-label="Users"
      className="space-y-3"
      onChange={(event) => setSelected(event.currentTarget.querySelectorAll('input[name="ids"]:checked').length)}
      onReset={() => setSelected(0)}
    >
      <fieldset disabled={pending} className="flex flex-wrap items-end gap-2 rounded-lg border border-zinc-200 bg-white p-3 dark:border-zinc-800 dark:bg-zinc-900">
        <legend className="sr-only">Bulk actions</legend>
        <p aria-live="polite" className="mr-auto self-center text-sm text-zinc-600 dark:text-zinc-300">
          {selected === 0 ? "Select users to act on several at once." : `${selected} selected`}
        </p>
        <button type="submit" name="intent" value="enable" className={buttonClass("secondary")}>
          Enable
        </button>
        <button type="submit" name="intent" value="disable" className={buttonClass("secondary")}>
          Disable
        </button>
        <div className="flex items-end gap-2">
          <div className="w-24 space-y-1">
            <label htmlFor="bulk-days" className="block text-xs font-medium">
              Days
            </label>
            <input
              id="bulk-days"
              name="days"
              type="number"
              min={1}
              max={3650}
              defaultValue={30}
              className={INPUT_CLASS}
              // Enter here means "extend", not the form's first button ("Enable").
              onKeyDown={(event) => {
                if (event.key !== "Enter") return;
                event.preventDefault();
                event.currentTarget.form?.requestSubmit(extend.current);
              }}
            />
          </div>
          <button ref={extend} type="submit" name="intent" value="extend" className={buttonClass("secondary")}>
            Extend expiry
          </button>
        </div>
        <ConfirmButton
          name="intent"
          value="reset_token"
          variant="secondary"
          question="Reset the subscription URLs of the selected users?"
          details="Their current URLs stop working at once; each user must import the new one."
          confirmLabel="Reset URLs"
        >
          Reset tokens
        </ConfirmButton>
        <ConfirmButton name="intent" value="delete" question="Delete the selected users?" details="Their subscriptions stop working and their fetch history is removed. This cannot be undone." confirmLabel="Delete users">
          Delete
        </ConfirmButton>
      </fieldset>
      <FormMessage state={state} />
      {children}
    </form>
  );
}
