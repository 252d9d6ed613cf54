// How to get a password that works for this provider: summary, numbered steps, warning and link.
import type { ProviderPreset } from '../../../shared/providers.js';
import { useT } from '../../store/services.js';

/** `hideWarning`: the screen already shows the provider's warning in its own box (oauth2_only). */
export function AppPasswordHelp({
  preset,
  highlight = false,
  hideWarning = false,
}: {
  preset: ProviderPreset;
  highlight?: boolean;
  hideWarning?: boolean;
}) {
  const { t, locale } = useT();
  const help = preset.help[locale];
  return (
    <section
      className={`help-box${highlight ? ' help-box-highlight' : ''}`}
      aria-label={t('wizard.help.title', { provider: preset.name })}
      data-testid="wizard-app-password-help"
    >
      <h3>{t(preset.auth === 'oauth2_only' ? 'wizard.help.oauthTitle' : 'wizard.help.title', { provider: preset.name })}</h3>
      <p>{help.summary}</p>
      {help.steps.length > 0 ? (
        <ol className="help-steps">
          {help.steps.map((step, i) => (
            <li key={i}>{step}</li>
          ))}
        </ol>
      ) : null}
      {help.warning && !hideWarning ? (
        <p className="help-warning" role="note">
          ⚠ {help.warning}
        </p>
      ) : null}
      {help.url ? (
        <p>
          <a href={help.url} target="_blank" rel="noopener noreferrer" data-testid="wizard-help-link">
            {t('wizard.help.open', { provider: preset.name })}
          </a>
        </p>
      ) : null}
    </section>
  );
}
