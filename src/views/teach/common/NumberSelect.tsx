import { useId } from 'react';

export interface NumberSelectProps {
  label: string;
  value: number;
  options: readonly number[];
  onChange: (value: number) => void;
}

/** A labelled select of numbers. */
export function NumberSelect({ label, value, options, onChange }: NumberSelectProps) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(Number(e.target.value))}>
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </div>
  );
}
