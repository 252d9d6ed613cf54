// Exit codes and the errors that carry them, so cron, Task Scheduler and systemd can tell outcomes apart.
export const EXIT_OK = 0;
/** At least one mailbox failed (error or partial), or a connection test failed. */
export const EXIT_FAILED = 1;
/** Bad command line or invalid input. */
export const EXIT_USAGE = 2;
export const EXIT_UNEXPECTED = 3;

/** A mistake in the command line: message already in the user's language; exit code 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    /** The command whose --help to point at (e.g. "accounts add"). */
    readonly command?: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}
