// Step 1: the address, from which the provider and its settings are recognised.
import { useStore } from 'zustand';
import type { WizardStore } from '../../store/wizard-store.js';
import { useT } from '../../store/services.js';
import { Field } from '../common/Field.js';

export function StepEmail({ wizard }: { wizard: WizardStore }) {
  const { t } = useT();
  const email = useStore(wizard, (s) => s.email);
  const detecting = useStore(wizard, (s) => s.detecting);
  const error = useStore(wizard, (s) => s.errors.email_address);
  const { setEmail, submitEmail } = wizard.getState();
  return (
    <form
      className="wizard-step"
      data-testid="wizard-step-email"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submitEmail();
      }}
    >
      <h2>{t('wizard.email.title')}</h2>
      <p className="muted">{t('wizard.email.intro')}</p>
      <Field
        label={t('wizard.email.label')}
        type="email"
        value={email}
        onValue={setEmail}
        error={error}
        testId="wizard-email-input"
        placeholder="contact@entreprise.fr"
        autoComplete="email"
        autoFocus
        spellCheck={false}
      />
      <div className="actions">
        <button type="submit" className="btn btn-primary" disabled={detecting} data-testid="wizard-email-next">
          {detecting ? t('wizard.email.detecting') : t('common.next')}
        </button>
      </div>
    </form>
  );
}
