"use client";

import { useRef } from "react";
import { buttonClass, type ButtonVariant } from "./button-class";

/**
 * A button inside a form that asks first: it opens a modal dialog with `question` (and details),
 * and only "Confirm" submits the form (to `formAction` when given). Keyboard: Esc cancels.
 */
export function ConfirmButton({
  children,
  question,
  details,
  confirmLabel = "Confirm",
  variant = "danger",
  formAction,
  name,
  value,
}: {
  children: React.ReactNode;
  question: string;
  details?: React.ReactNode;
  confirmLabel?: string;
  variant?: ButtonVariant;
  formAction?: (formData: FormData) => void;
  name?: string;
  value?: string;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  return (
    <>
      <button type="button" className={buttonClass(variant)} onClick={() => dialog.current?.showModal()}>
        {children}
      </button>
      <dialog
        ref={dialog}
        aria-label={question}
        className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-lg border border-zinc-200 bg-white p-5 text-zinc-900 shadow-xl backdrop:bg-black/40 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
      >
        <p className="font-semibold">{question}</p>
        {details && <div className="mt-2 text-sm text-zinc-600 dark:text-zinc-300">{details}</div>}
        <div className="mt-5 flex justify-end gap-2">
          <button type="button" className={buttonClass("secondary")} onClick={() => dialog.current?.close()}>
            Cancel
          </button>
          <button type="submit" formAction={formAction} name={name} value={value} className={buttonClass(variant)} onClick={() => dialog.current?.close()}>
            {confirmLabel}
          </button>
        </div>
      </dialog>
    </>
  );
}
