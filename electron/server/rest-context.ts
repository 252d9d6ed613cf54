// What a REST handler receives, and what it answers: JSON or a binary download.
import type { MethodName, ResultOf } from '../../shared/api.js';
import type { Locale } from '../../shared/types.js';
import type { Core } from '../core/model.js';
import type { Params, Route } from './router.js';

/** `C`: the MailApi methods the route declares; calling another one is a compile error. */
export interface RestContext<C extends MethodName = MethodName> {
  core: Core;
  params: Params;
  query: URLSearchParams;
  locale: Locale;
  /** The parsed JSON body (undefined when empty). */
  body(): Promise<unknown>;
  /** Calls the core after validating `arg` in the request's language. */
  call<M extends C>(method: M, arg: unknown): Promise<ResultOf<M>>;
  /** A fresh one-time login link for the web interface (web-session.ts). */
  loginLink(): { url: string; expires_at: string };
}

export type RestReply =
  | { status?: number; json: unknown }
  | { status?: number; binary: Buffer; headers: Record<string, string> };

export type RestHandler<C extends MethodName = MethodName> = (ctx: RestContext<C>) => Promise<RestReply>;

/** A REST route names the MailApi methods it reaches (checked by the compiler, and again at dispatch). */
export interface RestRoute<C extends MethodName = MethodName> extends Route<RestHandler<C>> {
  calls: readonly C[];
}

/** Builds a route whose handler may call only the methods listed in `calls` (inferred, so checked). */
export function restRoute<const C extends MethodName>(route: RestRoute<C>): RestRoute {
  return route;
}
