"use client";

/** Checks or unchecks every row checkbox (`name="ids"`) in its form. */
export function SelectAllCheckbox() {
  return (
    <input
      type="checkbox"
      aria-label="Select all users on this page"
      className="size-4 rounded border-zinc-300 accent-indigo-600"
      onChange={(event) => {
        const form = event.currentTarget.form;
        if (!form) return;
        for (const box of form.querySelectorAll<HTMLInputElement>('input[type="checkbox"][name="ids"]')) box.checked = event.currentTarget.checked;
      }}
    />
  );
}
