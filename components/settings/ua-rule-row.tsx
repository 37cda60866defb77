"use client";

import { useActionState, useEffect, useRef, useState } from "react";
import { buttonClass } from "@/components/button-class";
import { ConfirmButton } from "@/components/confirm-button";
import { INPUT_CLASS } from "@/components/field";
import type { ActionState } from "@/lib/admin/admin-action";
import type { ListedUaRule } from "@/lib/settings/ua-rules";
import type { SubscriptionFormat } from "@/lib/subscription/types";
import { FormatOptions } from "./format-options";

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;

export interface UaRuleActions {
  update: Action;
  remove: Action;
  move: Action;
}

const CELL = "px-3 py-2 align-top";
const SMALL_BUTTON = "rounded-md border border-zinc-300 px-2 py-1 text-sm font-medium hover:bg-zinc-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 disabled:cursor-not-allowed disabled:opacity-40 dark:border-zinc-700 dark:hover:bg-zinc-800";

/** One rule: its place, prefix, format and note; for managers also move, edit (in place) and delete. */
export function UaRuleRow({ rule, isFirst, isLast, canManage, actions }: { rule: ListedUaRule; isFirst: boolean; isLast: boolean; canManage: boolean; actions: UaRuleActions }) {
  const [editing, setEditing] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);
  // Leaving the in-place editor puts keyboard focus back where it was: on this rule's Edit button.
  useEffect(() => {
    if (editing || !returnFocus.current) return;
    returnFocus.current = false;
    editButton.current?.focus();
  }, [editing]);
  const stopEditing = () => {
    returnFocus.current = true;
    setEditing(false);
  };
  if (editing) return <EditingRow rule={rule} actions={actions} onDone={stopEditing} />;
  return (
    <tr id={`rule-${rule.id}`}>
      <td className={`${CELL} tabular-nums text-zinc-500`}>{rule.position}</td>
      <td className={CELL}>
        <code className="whitespace-nowrap">{rule.prefix}</code>
        {rule.shadowedBy && (
          <p className="mt-1 text-xs text-amber-700 dark:text-amber-300">
            Never matches: “{rule.shadowedBy.prefix}” (#{rule.shadowedBy.position}) above it takes these clients first.
          </p>
        )}
      </td>
      <td className={CELL}>{rule.format}</td>
      <td className={`${CELL} min-w-48 text-zinc-600 dark:text-zinc-300`}>{rule.note}</td>
      {canManage && (
        <td className={CELL}>
          <RuleButtons rule={rule} isFirst={isFirst} isLast={isLast} actions={actions} editButton={editButton} onEdit={() => setEditing(true)} />
        </td>
      )}
    </tr>
  );
}

function RuleButtons({
  rule,
  isFirst,
  isLast,
  actions,
  editButton,
  onEdit,
}: {
  rule: ListedUaRule;
  isFirst: boolean;
  isLast: boolean;
  actions: UaRuleActions;
  editButton: React.RefObject<HTMLButtonElement | null>;
  onEdit: () => void;
}) {
  const [moveState, move] = useActionState(actions.move, {});
  const [deleteState, remove] = useActionState(actions.remove, {});
  const up = useRef<HTMLButtonElement>(null);
  const down = useRef<HTMLButtonElement>(null);
  const lastMove = useRef<"up" | "down" | null>(null);

  // Reordering the rows moves this one in the DOM, which drops keyboard focus: put it back on
  // the button just used, or on the other one when the rule reached an end of the list.
  useEffect(() => {
    if (!lastMove.current) return;
    const [used, other] = lastMove.current === "up" ? [up.current, down.current] : [down.current, up.current];
    (used && !used.disabled ? used : other)?.focus();
    lastMove.current = null;
  }, [moveState]);

  const problem = moveState.message ?? deleteState.message;
  return (
    <>
      <div className="flex items-center gap-1.5 whitespace-nowrap">
        <form action={move} className="flex gap-1">
          <input type="hidden" name="id" value={rule.id} />
          <button ref={up} type="submit" name="direction" value="up" disabled={isFirst} onClick={() => (lastMove.current = "up")} className={SMALL_BUTTON}>
            <span aria-hidden="true">↑</span>
            <span className="sr-only">Move {rule.prefix} up</span>
          </button>
          <button ref={down} type="submit" name="direction" value="down" disabled={isLast} onClick={() => (lastMove.current = "down")} className={SMALL_BUTTON}>
            <span aria-hidden="true">↓</span>
            <span className="sr-only">Move {rule.prefix} down</span>
          </button>
        </form>
        <button ref={editButton} type="button" onClick={onEdit} className={SMALL_BUTTON}>
          Edit<span className="sr-only"> {rule.prefix}</span>
        </button>
        <form action={remove}>
          <input type="hidden" name="id" value={rule.id} />
          <ConfirmButton question={`Delete the rule for “${rule.prefix}”?`} details={`Clients whose User-Agent starts with “${rule.prefix}” will fall through to the rules below it.`} confirmLabel="Delete rule">
            Delete<span className="sr-only"> {rule.prefix}</span>
          </ConfirmButton>
        </form>
      </div>
      {problem && (
        <p role="alert" className="mt-1 max-w-64 whitespace-normal text-xs text-red-700 dark:text-red-300">
          {problem}
        </p>
      )}
    </>
  );
}

function EditingRow({ rule, actions, onDone }: { rule: ListedUaRule; actions: UaRuleActions; onDone: () => void }) {
  const [values, setValues] = useState<{ prefix: string; format: SubscriptionFormat; note: string }>({ prefix: rule.prefix, format: rule.format, note: rule.note });
  const [state, formAction] = useActionState(async (previous: ActionState, formData: FormData) => {
    const result = await actions.update(previous, formData);
    if (result.ok) onDone();
    return result;
  }, {});
  const prefixInput = useRef<HTMLInputElement>(null);
  useEffect(() => prefixInput.current?.focus(), []);
  const formId = `rule-${rule.id}-edit`;
  const id = (field: string) => `rule-${rule.id}-${field}`;
  const error = (field: string) => state.fieldErrors?.[field];
  const described = (field: string) => (error(field) ? `${id(field)}-error` : undefined);
  return (
    <tr id={`rule-${rule.id}`} className="bg-indigo-50/50 dark:bg-indigo-950/30" onKeyDown={(event) => event.key === "Escape" && onDone()}>
      <td className={`${CELL} tabular-nums text-zinc-500`}>{rule.position}</td>
      <td className={CELL}>
        <label htmlFor={id("prefix")} className="sr-only">
          Prefix
        </label>
        <input
          id={id("prefix")}
          name="prefix"
          form={formId}
          value={values.prefix}
          onChange={(event) => setValues((old) => ({ ...old, prefix: event.target.value }))}
          maxLength={100}
          aria-invalid={error("prefix") ? true : undefined}
          aria-describedby={described("prefix")}
          ref={prefixInput}
          className={`${INPUT_CLASS} min-w-36 font-mono`}
        />
        {error("prefix") && (
          <p id={`${id("prefix")}-error`} className="mt-1 text-xs text-red-700 dark:text-red-300">
            {error("prefix")}
          </p>
        )}
      </td>
      <td className={CELL}>
        <label htmlFor={id("format")} className="sr-only">
          Format
        </label>
        <select
          id={id("format")}
          name="format"
          form={formId}
          value={values.format}
          onChange={(event) => setValues((old) => ({ ...old, format: event.target.value as SubscriptionFormat }))}
          aria-invalid={error("format") ? true : undefined}
          aria-describedby={described("format")}
          className={INPUT_CLASS}
        >
          <FormatOptions />
        </select>
      </td>
      <td className={CELL}>
        <label htmlFor={id("note")} className="sr-only">
          Note
        </label>
        <input
          id={id("note")}
          name="note"
          form={formId}
          value={values.note}
          onChange={(event) => setValues((old) => ({ ...old, note: event.target.value }))}
          maxLength={200}
          aria-invalid={error("note") ? true : undefined}
          aria-describedby={described("note")}
          className={`${INPUT_CLASS} min-w-40`}
        />
        {error("note") && (
          <p id={`${id("note")}-error`} className="mt-1 text-xs text-red-700 dark:text-red-300">
            {error("note")}
          </p>
        )}
      </td>
      <td className={CELL}>
        <form id={formId} action={formAction} noValidate className="flex flex-wrap gap-1.5">
          <input type="hidden" name="id" value={rule.id} />
          <button type="submit" className={buttonClass("primary")}>
            Save<span className="sr-only"> {rule.prefix}</span>
          </button>
          <button type="button" onClick={onDone} className={buttonClass("secondary")}>
            Cancel
          </button>
        </form>
        {state.message && !state.fieldErrors?.prefix && (
          <p role="alert" className="mt-1 text-xs text-red-700 dark:text-red-300">
            {state.message}
          </p>
        )}
      </td>
    </tr>
  );
}
