// A labelled form control with its inline validation message, wired for screen readers.
import { useId } from 'react';
import type { InputHTMLAttributes, ReactNode } from 'react';

interface FieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value'> {
  label: string;
  value: string;
  onValue: (v: string) => void;
  error?: string | undefined;
  help?: ReactNode;
  testId: string;
  errorTestId?: string;
}

export function Field({ label, value, onValue, error, help, testId, errorTestId, ...rest }: FieldProps) {
  const id = useId();
  const errId = `${id}-err`;
  const helpId = `${id}-help`;
  const describedBy = [error ? errId : '', help ? helpId : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        value={value}
        onChange={(e) => onValue(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        data-testid={testId}
        {...rest}
      />
      {help ? (
        <div className="field-help" id={helpId}>
          {help}
        </div>
      ) : null}
      {error ? (
        <p className="field-error" id={errId} role="alert" data-testid={errorTestId ?? `${testId}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function Checkbox({
  label,
  checked,
  onChange,
  testId,
  help,
}: {
  label: string;
  checked: boolean;
  onChange: (v: boolean) => void;
  testId: string;
  help?: ReactNode;
}) {
  const id = useId();
  return (
    <div className="field field-check">
      <input id={id} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} data-testid={testId} />
      <label htmlFor={id}>{label}</label>
      {help ? <div className="field-help">{help}</div> : null}
    </div>
  );
}
