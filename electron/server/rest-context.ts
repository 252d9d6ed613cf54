// What a REST handler receives, and what it answers: JSON or a binary download.
import type { MethodName, ResultOf } from '../../shared/api.js';
import type { Locale } from '../../shared/types.js';
import type { Core } from '../core/model.js';
import type { Params } from './router.js';

export interface RestContext {
  core: Core;
  params: Params;
  query: URLSearchParams;
  locale: Locale;
  /** The parsed JSON body (undefined when empty). */
  body(): Promise<unknown>;
  /** Calls the core after validating `arg` in the request's language. */
  call<M extends MethodName>(method: M, arg: unknown): Promise<ResultOf<M>>;
  /** A fresh one-time login link for the web interface (web-session.ts). */
  loginLink(): { url: string; expires_at: string };
}

export type RestReply =
  | { status?: number; json: unknown }
  | { status?: number; binary: Buffer; headers: Record<string, string> };

export type RestHandler = (ctx: RestContext) => Promise<RestReply>;
