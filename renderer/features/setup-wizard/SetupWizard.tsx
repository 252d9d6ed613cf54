// The "add a mailbox" wizard. Its state lives in its own store, created per visit, so leaving and coming
// back starts clean and the password does not linger.
import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { pickMailboxColor } from '../../../shared/schemas.js';
import type { LabelKey } from '../../i18n/i18n.js';
import { createWizardStore, usesOAuth, WIZARD_STEPS } from '../../store/wizard-store.js';
import type { WizardStep } from '../../store/wizard-store.js';
import { useServices, useT } from '../../store/services.js';
import { StepEmail } from './StepEmail.js';
import { StepFinish } from './StepFinish.js';
import { StepPassword } from './StepPassword.js';
import { StepServer } from './StepServer.js';
import { StepSignIn } from './StepSignIn.js';

const STEP_LABELS: Record<Exclude<WizardStep, 'done'>, LabelKey> = {
  email: 'wizard.steps.email',
  server: 'wizard.steps.server',
  password: 'wizard.steps.password',
  finish: 'wizard.steps.finish',
};

export function SetupWizard() {
  const { client, stores } = useServices();
  const { t } = useT();
  const [wizard] = useState(() =>
    createWizardStore(client.api, {
      locale: () => stores.settings.getState().locale,
      defaultColor: pickMailboxColor(stores.mailboxes.getState().mailboxes.map((m) => m.color)),
    }),
  );
  const step = useStore(wizard, (s) => s.step);
  const created = useStore(wizard, (s) => s.created);
  const draftId = useStore(wizard, (s) => s.draft?.id);
  // The paused draft of the last step is not a mailbox yet: the welcome title stays.
  const isFirst = useStore(stores.mailboxes, (s) => s.mailboxes.every((m) => m.id === draftId));
  const oauth = useStore(wizard, usesOAuth);

  // Leaving the wizard mid sign-in stops the core's loopback listener at once; left before "Finish", the paused
  // draft mailbox goes.
  useEffect(
    () => () => {
      void wizard.getState().cancelSignIn();
      void wizard.getState().discardDraft();
    },
    [wizard],
  );

  useEffect(() => {
    if (!created) return;
    // Show the new mailbox's first sync on the status panel; asking for it now is harmless if the
    // scheduler already started it (the core answers "skipped: running").
    stores.mailboxes.getState().upsert(created);
    void stores.status.getState().load().then(() => stores.status.getState().syncNow(created.id));
    stores.nav.getState().go('status');
  }, [created, stores]);

  const current = step === 'done' ? 'finish' : step;
  return (
    <section className="screen wizard" data-testid="wizard" aria-labelledby="wizard-title">
      <header className="screen-header">
        <h1 id="wizard-title">{isFirst ? t('wizard.titleFirst') : t('wizard.title')}</h1>
        {isFirst ? <p className="muted">{t('wizard.welcome')}</p> : null}
      </header>
      <ol className="stepper" aria-label={t('wizard.progress')}>
        {WIZARD_STEPS.map((s, i) => {
          const index = WIZARD_STEPS.indexOf(current);
          const state = i < index ? 'done' : i === index ? 'current' : 'todo';
          return (
            <li key={s} className={`stepper-item stepper-${state}`} aria-current={state === 'current' ? 'step' : undefined}>
              <span className="stepper-num" aria-hidden="true">
                {state === 'done' ? '✓' : i + 1}
              </span>
              {t(STEP_LABELS[s as Exclude<WizardStep, 'done'>])}
            </li>
          );
        })}
      </ol>
      <div className="wizard-body">
        {step === 'email' ? <StepEmail wizard={wizard} /> : null}
        {step === 'server' ? <StepServer wizard={wizard} /> : null}
        {step === 'password' ? oauth ? <StepSignIn wizard={wizard} /> : <StepPassword wizard={wizard} /> : null}
        {step === 'finish' || step === 'done' ? <StepFinish wizard={wizard} /> : null}
      </div>
    </section>
  );
}
