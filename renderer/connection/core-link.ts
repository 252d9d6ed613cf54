// Desktop app: the sync engine runs in its own process, which the main process restarts if it dies. While it
// does, the page shows "reconnecting"; once it is back, what the page shows is reloaded (events were missed).
import type { ShellApi } from '../../shared/shell.js';
import type { LinkState } from '../store/connection-store.js';

export function followCoreState(
  shell: Pick<ShellApi, 'onCoreState'>,
  on: { setState(s: LinkState): void; recovered(): void },
): () => void {
  let down = false;
  return shell.onCoreState((state) => {
    if (state === 'reconnecting') {
      down = true;
      on.setState('core-restarting');
      return;
    }
    on.setState('desktop');
    if (down) {
      down = false;
      on.recovered();
    }
  });
}
