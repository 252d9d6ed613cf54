// Progress of a running sync: determinate when the core knows the total, else an indeterminate stripe.
import type { SyncProgress } from '../../../shared/types.js';
import { formatCount } from '../../lib/format.js';
import { progressFraction } from '../../store/status-store.js';
import { useT } from '../../store/services.js';

export function ProgressBar({ progress, testId }: { progress: SyncProgress | null; testId: string }) {
  const { t, tag } = useT();
  const fraction = progressFraction(progress);
  const label =
    progress && progress.total > 0
      ? t('status.progress', { done: formatCount(progress.done, tag), total: formatCount(progress.total, tag), folder: progress.folder })
      : t('status.starting');
  return (
    <div className="progress" data-testid={testId}>
      <div
        className={`progress-track${fraction === null ? ' indeterminate' : ''}`}
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={progress?.total || undefined}
        aria-valuenow={fraction === null ? undefined : progress?.done}
      >
        <div className="progress-fill" style={{ width: fraction === null ? '30%' : `${Math.round(fraction * 100)}%` }} />
      </div>
      <span className="progress-label small muted">{label}</span>
    </div>
  );
}
