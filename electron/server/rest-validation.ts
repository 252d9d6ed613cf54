// Placeholder until shared/schemas.ts lands: re-validates an argument in the request's language.
import type { MethodName } from '../../shared/api.js';
import type { Locale } from '../../shared/types.js';

export function validateInLocale(_method: MethodName, _arg: unknown, _locale: Locale): void {}
