"use client";

import { useFormStatus } from "react-dom";
import { buttonClass, type ButtonVariant } from "./button-class";

/** A form's submit button, disabled and relabelled while the action runs. */
export function SubmitButton({ children, pendingLabel, variant = "primary", name, value }: { children: React.ReactNode; pendingLabel?: string; variant?: ButtonVariant; name?: string; value?: string }) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" name={name} value={value} disabled={pending} aria-disabled={pending} className={buttonClass(variant)}>
      {pending ? (pendingLabel ?? "Saving…") : children}
    </button>
  );
}
