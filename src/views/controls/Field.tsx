import { useId, useState, type ReactNode } from 'react';

export interface SelectFieldProps<V extends string | number> {
  /** Visible label; also the select's accessible name (kept exact: nothing else inside the label). */
  label: string;
  value: V;
  options: readonly { value: V; label: string }[];
  onChange: (value: V) => void;
  hint?: ReactNode;
  className?: string;
}

/** A labelled <select>; the label is a sibling (htmlFor), so the accessible name is exactly `label`. */
export function SelectField<V extends string | number>({
  label,
  value,
  options,
  onChange,
  hint,
  className,
}: SelectFieldProps<V>) {
  const id = useId();
  return (
    <div className={`field${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={String(value)}
        onChange={(e) => {
          const found = options.find((o) => String(o.value) === e.target.value);
          if (found) onChange(found.value);
        }}
      >
        {options.map((o) => (
          <option key={String(o.value)} value={String(o.value)}>
            {o.label}
          </option>
        ))}
      </select>
      {hint && <p className="field-hint">{hint}</p>}
    </div>
  );
}

export interface NumberFieldProps {
  label: string;
  value: number;
  min: number;
  max: number;
  step?: number;
  onChange: (value: number) => void;
  hint?: ReactNode;
  children?: ReactNode;
}

/**
 * A labelled number input that lets the user clear and retype: text that is not a number in range
 * stays a local draft; a valid number is committed at once; leaving the field restores the value.
 */
export function NumberField({
  label,
  value,
  min,
  max,
  step = 1,
  onChange,
  hint,
  children,
}: NumberFieldProps) {
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <div className="field-row">
        <input
          id={id}
          type="number"
          inputMode="numeric"
          min={min}
          max={max}
          step={step}
          value={draft ?? String(value)}
          onChange={(e) => {
            const text = e.target.value;
            const n = Number(text);
            if (text.trim() !== '' && Number.isFinite(n) && n >= min && n <= max) {
              setDraft(null); // show the committed (possibly normalized) value
              onChange(n);
            } else setDraft(text);
          }}
          onBlur={() => setDraft(null)}
        />
        {children}
      </div>
      {hint && <p className="field-hint">{hint}</p>}
    </div>
  );
}
