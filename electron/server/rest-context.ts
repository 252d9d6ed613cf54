// What a REST handler receives, and what it answers: JSON or a binary download.
import type { ArgOf, MethodName, ResultOf } from '../../shared/api.js';
import type { CheckedField, FullyCheckedMethod } from '../../shared/arg-checkers.js';
import type { Locale } from '../../shared/types.js';
import type { Core } from '../core/model.js';
import { asObject } from './http-io.js';
import type { Params, Route } from './router.js';

declare const readFromTheRequest: unique symbol;

/**
 * A value read from the request whose type nobody knows yet. It may only go where the method's shared checker
 * (shared/arg-checkers.ts) looks, and that checker validates it at dispatch, before the core sees it. The brand
 * exists only for the compiler: nothing can be read from it.
 */
export type Unchecked = { readonly [readFromTheRequest]: 'validated at dispatch' };

/** Marks a request value as unknown until checked: the one place such a value is typed, claiming nothing of it. */
export function unchecked(value: unknown): Unchecked {
  return value as Unchecked;
}

type Loosen<T, Checked extends PropertyKey> = T extends unknown
  ? { [K in keyof T as K extends Checked ? K : never]?: T[K] | Unchecked } & { [K in keyof T as K extends Checked ? never : K]: T[K] }
  : never;

/**
 * What a handler may pass to method M: its contract argument, where a field the shared checker validates may
 * also be an Unchecked value from the request. Every other field has its contract type: parse it in the route.
 */
export type RestArg<M extends MethodName> = [Exclude<ArgOf<M>, void | undefined>] extends [never]
  ? ArgOf<M>
  : Extract<ArgOf<M>, void | undefined> | Loosen<Exclude<ArgOf<M>, void | undefined>, CheckedField<M>>;

/** Refuses a type with a string index signature, which TypeScript relates to any optional field unchecked. */
type NoIndexSignature<A> = string extends keyof A ? never : unknown;

/** A JSON body as the fields of M's argument, each Unchecked (only for M whose checker covers every field). */
export type RequestFields<M extends FullyCheckedMethod> = { [K in CheckedField<M>]?: Unchecked };

/** `C`: the MailApi methods the route declares; calling another one is a compile error. */
export interface RestContext<C extends MethodName = MethodName> {
  core: Core;
  params: Params;
  query: URLSearchParams;
  locale: Locale;
  /** The parsed JSON body (undefined when empty). */
  body(): Promise<unknown>;
  /**
   * Calls the core after validating `arg` in the request's language. `arg` is checked against RestArg<M>, and
   * may not be a loose record (`Record<string, unknown>`): the compiler would let its fields through unread.
   */
  call<M extends C, A extends RestArg<M>>(method: M, arg: A & NoIndexSignature<A>): Promise<ResultOf<M>>;
  /** A fresh one-time login link for the web interface (web-session.ts). */
  loginLink(): { url: string; expires_at: string };
}

/**
 * The request's JSON object as the fields of `method`'s argument, left for its checker to validate (an empty
 * body counts as `{}` when `allowEmpty`). Keys the method does not know ride along: the core ignores them.
 */
export async function requestFields<M extends FullyCheckedMethod>(ctx: Pick<RestContext, 'body'>, method: M, allowEmpty = false): Promise<RequestFields<M>> {
  void method; // names M for the compiler; the shape is the checker's business
  const fields: { [field: string]: Unchecked } = Object.fromEntries(
    Object.entries(asObject(await ctx.body(), allowEmpty)).map(([k, v]) => [k, unchecked(v)]),
  );
  // Every field optional and Unchecked: this claims nothing about the body that could be false. (The compiler
  // cannot relate an index signature to the mapped type while M is generic.)
  return fields as RequestFields<M>;
}

/** The request's JSON object, unread, for an argument field that its checker validates whole (a patch). */
export async function requestObject(ctx: RestContext): Promise<Unchecked> {
  return unchecked(asObject(await ctx.body(), false));
}

/** The `:name` number of the route's pattern; a route asking for a segment its pattern lacks is a bug. */
export function pathId(ctx: { params: Params }, name = 'id'): number {
  const v = ctx.params[name];
  if (v === undefined) throw new Error(`no :${name} in this route's pattern`);
  return v;
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
