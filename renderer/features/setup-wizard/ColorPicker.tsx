// The mailbox colour: the palette as radio swatches, plus any colour through the native picker.
import { MAILBOX_COLORS } from '../../../shared/schemas.js';
import { useT } from '../../store/services.js';

export function ColorPicker({ value, onChange, testId }: { value: string; onChange: (c: string) => void; testId: string }) {
  const { t } = useT();
  const lower = value.toLowerCase();
  return (
    <fieldset className="field color-picker" data-testid={testId}>
      <legend>{t('wizard.finish.color')}</legend>
      <div className="swatches" role="radiogroup" aria-label={t('wizard.finish.color')}>
        {MAILBOX_COLORS.map((c) => (
          <button
            key={c}
            type="button"
            role="radio"
            aria-checked={lower === c}
            aria-label={c}
            className={`swatch${lower === c ? ' swatch-on' : ''}`}
            style={{ backgroundColor: c }}
            onClick={() => onChange(c)}
            data-testid={`${testId}-${c.slice(1)}`}
          />
        ))}
        <label className="swatch-custom">
          <span className="visually-hidden">{t('wizard.finish.customColor')}</span>
          <input type="color" value={value} onChange={(e) => onChange(e.target.value)} data-testid={`${testId}-custom`} />
        </label>
      </div>
    </fieldset>
  );
}
