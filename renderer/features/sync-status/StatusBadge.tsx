// Colour and words for a mailbox's sync state.
import type { LabelKey } from '../../i18n/i18n.js';
import type { StatusBadge as Badge } from '../../store/status-store.js';
import { useT } from '../../store/services.js';

const LABELS: Record<Badge, LabelKey> = {
  syncing: 'status.badge.syncing',
  success: 'status.badge.success',
  error: 'status.badge.error',
  partial: 'status.badge.partial',
  never: 'status.badge.never',
};

export function StatusBadge({ badge, testId }: { badge: Badge; testId?: string }) {
  const { t } = useT();
  return (
    <span className={`badge badge-${badge}`} data-testid={testId} data-status={badge}>
      {t(LABELS[badge])}
    </span>
  );
}
