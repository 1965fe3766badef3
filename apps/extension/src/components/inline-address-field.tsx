import { POSTAL_ADDRESS_PARTS, postalAddressLines, postalAddressOf, type PostalAddressPart } from "@leadpane/domain";
import { fieldsOf, type SyncedRecord } from "@leadpane/domain/sync";
import { useId, useLayoutEffect, useRef, useState } from "preact/hooks";
import { addressEdit, addressForEditing, type AddressEdit, type TypedAddress } from "./address-edit.ts";
import "./inline-field.css";

const PART_LABELS: Record<PostalAddressPart, string> = {
  street: "Street",
  locality: "City",
  postalCode: "Postcode",
  region: "Region",
  country: "Country",
};
const PLACEHOLDERS: Record<PostalAddressPart, string> = {
  street: "Musterstraße 12",
  locality: "Berlin",
  postalCode: "10115",
  region: "State or province",
  country: "Germany or DE",
};

/**
 * A postal address shown as one block in its country's usual order (the postcode before the city in
 * Germany, city, state and ZIP in the US, a Japanese address from the prefecture down) and edited in
 * place part by part, as Pipedrive's and Attio's address fields are: Enter saves, Escape cancels, each
 * refused part says why beside it with the typing kept.
 */
export function InlineAddressField({
  record,
  region,
  readOnly = false,
  apply,
}: {
  record: SyncedRecord;
  /** The workspace's region: how a one-line address saved before addresses had parts is read into them. */
  region: string;
  readOnly?: boolean;
  /** Applies the edit's changes; resolves to null when saved, else the reason in plain words. */
  apply: (edit: AddressEdit & { ok: true }) => Promise<string | null>;
}) {
  const id = useId();
  const [editing, setEditing] = useState(false);
  const [typed, setTyped] = useState<TypedAddress>(() => addressForEditing(record, region));
  const [errors, setErrors] = useState<Partial<Record<PostalAddressPart | "form", string>>>({});
  const [busy, setBusy] = useState(false);
  const [refocus, setRefocus] = useState(false);
  const valueRef = useRef<HTMLButtonElement>(null);
  const firstRef = useRef<HTMLInputElement>(null);
  useLayoutEffect(() => {
    if (editing) firstRef.current?.focus();
    else if (refocus) {
      valueRef.current?.focus();
      setRefocus(false);
    }
  }, [editing, refocus]);

  const data = fieldsOf(record);
  const address = postalAddressOf(data.postalAddress);
  const legacy = typeof data.address === "string" ? data.address : "";
  const lines = address
    ? postalAddressLines(address, { locale: globalThis.navigator?.language ?? "en" })
    : legacy
      ? legacy.split(/\n/)
      : [];
  const shown = lines.length ? (
    <span class="address-lines" data-testid="address-lines">
      {lines.map((line, i) => (
        <span key={`${i}-${line}`} class="address-line">
          {line}
        </span>
      ))}
    </span>
  ) : (
    <span class="muted">—</span>
  );
  const labelId = `${id}-label`;

  const open = () => {
    setTyped(addressForEditing(record, region));
    setErrors({});
    setEditing(true);
  };
  const close = () => {
    setEditing(false);
    setErrors({});
    setRefocus(true);
  };
  const save = async () => {
    if (busy) return;
    const edit = addressEdit(record, typed);
    if (!edit.ok) return setErrors(edit.errors);
    setBusy(true);
    try {
      const problem = edit.changes.length ? await apply(edit) : null;
      if (problem) setErrors({ form: problem });
      else close();
    } finally {
      setBusy(false);
    }
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === "Enter" && !e.isComposing) {
      e.preventDefault();
      void save();
    } else if (e.key === "Escape") {
      e.preventDefault();
      e.stopPropagation();
      close();
    }
  };

  return (
    <div class={`inline-field ${editing ? "editing" : ""}`} data-testid="field-postalAddress">
      <span id={labelId} class="inline-label">
        Address
      </span>
      {!editing ? (
        readOnly ? (
          <span class="inline-value readonly">{shown}</span>
        ) : (
          <button
            ref={valueRef}
            type="button"
            class="inline-value"
            aria-labelledby={`${labelId} ${id}-shown`}
            title="Edit address"
            onClick={open}
          >
            <span id={`${id}-shown`}>{shown}</span>
          </button>
        )
      ) : (
        <fieldset class="inline-editor address-editor" aria-labelledby={labelId}>
          {POSTAL_ADDRESS_PARTS.map((part, i) => {
            const inputId = `${id}-${part}`;
            const error = errors[part];
            return (
              <span key={part} class={`address-part address-${part}`}>
                <label for={inputId} class="small">
                  {PART_LABELS[part]}
                </label>
                <input
                  id={inputId}
                  ref={i === 0 ? firstRef : undefined}
                  data-testid={`address-${part}`}
                  value={typed[part]}
                  placeholder={PLACEHOLDERS[part]}
                  autocomplete="off"
                  aria-invalid={error ? true : undefined}
                  aria-describedby={error ? `${inputId}-error` : undefined}
                  onInput={(e) => setTyped({ ...typed, [part]: e.currentTarget.value })}
                  onKeyDown={onKeyDown}
                />
                {error && (
                  <span id={`${inputId}-error`} class="error small" role="alert" data-testid="field-error">
                    {error}
                  </span>
                )}
              </span>
            );
          })}
          <span class="inline-buttons">
            <button type="button" class="small" disabled={busy} onClick={() => void save()}>
              Save
            </button>
            <button type="button" class="small link" onClick={close}>
              Cancel
            </button>
          </span>
          {errors.form && (
            <span class="error small inline-error" role="alert" data-testid="field-error">
              {errors.form}
            </span>
          )}
        </fieldset>
      )}
    </div>
  );
}
