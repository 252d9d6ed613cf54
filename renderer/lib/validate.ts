// Inline field validation with the very rules (and FR/EN sentences) the API applies, from shared/schemas:
// validating a one-field patch runs exactly that field's rule.
import { ReleveError } from '../../shared/errors.js';
import { parseMailboxPatch } from '../../shared/schemas.js';
import type { Locale, MailboxPatch } from '../../shared/types.js';

export type CheckedField = keyof Pick<
  MailboxPatch,
  'name' | 'imap_server' | 'imap_port' | 'email_address' | 'username' | 'sync_interval_minutes' | 'color' | 'sync_window_days' | 'sync_window_count'
>;

/** The user-facing message when `value` is not acceptable for `field`, else null. */
export function fieldError(field: CheckedField, value: unknown, locale: Locale): string | null {
  try {
    parseMailboxPatch({ [field]: value }, locale);
    return null;
  } catch (err) {
    if (err instanceof ReleveError) return err.message;
    throw err;
  }
}

/** Runs several checks; returns only the failing fields. */
export function fieldErrors(
  values: Partial<Record<CheckedField, unknown>>,
  locale: Locale,
): Partial<Record<CheckedField, string>> {
  const out: Partial<Record<CheckedField, string>> = {};
  for (const [field, value] of Object.entries(values) as Array<[CheckedField, unknown]>) {
    const msg = fieldError(field, value, locale);
    if (msg) out[field] = msg;
  }
  return out;
}
