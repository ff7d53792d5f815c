export interface TokenPickerProps {
  tokens: readonly string[];
  /** The chosen token index. */
  value: number;
  onChange: (index: number) => void;
  /** Accessible name of the group ("Query token"). */
  label: string;
}

/** Token chips as toggle buttons; exactly one is pressed. Token text is rendered as text. */
export function TokenPicker({ tokens, value, onChange, label }: TokenPickerProps) {
  return (
    <div className="teach-tokens" role="group" aria-label={label}>
      {tokens.map((text, i) => (
        <button
          key={i}
          type="button"
          className="teach-token"
          aria-pressed={i === value}
          onClick={() => onChange(i)}
        >
          {text}
        </button>
      ))}
    </div>
  );
}
