// Stores reload from the core when it says something changed; a sync says so once per batch. The first call of a
// burst starts one timer, the calls after it until it fires are absorbed, and the reload runs once.

/** A scheduler that runs the job it is given `delayMs` after the first call, once per burst. */
export function coalescer(): (delayMs: number, job: () => void) => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  return (delayMs, job) => {
    if (timer) return;
    timer = setTimeout(() => {
      timer = null;
      job();
    }, delayMs);
  };
}
