import { useId } from 'react';

export interface TeachSliderProps {
  label: string;
  value: number;
  min: number;
  max: number;
  /** Default 1 (whole positions, tiles, pairs); the √d_k factor moves in tenths of a decade. */
  step?: number;
  onChange: (value: number) => void;
  /** What the value means, shown under the slider and read out by screen readers. */
  valueText: string;
}

/** A labelled range input with its value spelled out, as every teaching card uses it. */
export function TeachSlider({
  label,
  value,
  min,
  max,
  step = 1,
  onChange,
  valueText,
}: TeachSliderProps) {
  const id = useId();
  return (
    <div className="field teach-slider">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="range"
        min={min}
        max={max}
        step={step}
        value={Math.min(max, value)}
        aria-valuetext={valueText}
        onChange={(e) => onChange(Number(e.target.value))}
      />
      <span className="field-hint">{valueText}</span>
    </div>
  );
}
