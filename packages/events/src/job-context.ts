import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';
import type { MessageContext } from './envelope.js';

/** `version-traceid-parentid-flags`, lowercase hex, as W3C Trace Context defines it. */
const TRACEPARENT = /^[\da-f]{2}-[\da-f]{32}-[\da-f]{16}-[\da-f]{2}$/;

/**
 * The part of a subgraph request context that a job needs (structurally `SubgraphContext` from
 * `@tessera/subgraph-kit`, without depending on it).
 */
export interface RequestContextLike {
  readonly principal: { readonly userId: string } | null;
  readonly requestId: string;
  readonly traceparent: string | undefined;
  readonly tracestate?: string | undefined;
}

/** Whether `value` is a well-formed W3C `traceparent` (all-zero ids are invalid). */
export function isTraceparent(value: string): boolean {
  if (!TRACEPARENT.test(value)) return false;
  const [, traceId = '', parentId = ''] = value.split('-');
  return !/^0+$/.test(traceId) && !/^0+$/.test(parentId);
}

/** A fresh, sampled root `traceparent`, for work that started without one. */
export function newTraceparent(): string {
  return `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-01`;
}

/** The trace id inside a `traceparent` (what log lines carry to join a trace). */
export function traceIdOf(traceparent: string): string {
  return traceparent.split('-')[1] ?? '';
}

/**
 * The `context` of the messages a request emits: who acted, which request, which trace.
 * A missing or malformed `traceparent` starts a new trace, so every job carries one.
 */
export function jobContextFromRequest(request: RequestContextLike): MessageContext {
  const traceparent =
    request.traceparent !== undefined && isTraceparent(request.traceparent)
      ? request.traceparent
      : newTraceparent();
  return {
    actorId: request.principal?.userId ?? null,
    requestId: request.requestId,
    traceparent,
    ...(request.tracestate !== undefined && traceparent === request.traceparent
      ? { tracestate: request.tracestate }
      : {}),
  };
}

/**
 * The context a handler passes on to the messages it emits in turn: same actor, request and
 * trace, so the whole saga reads as one trace and one request in the logs.
 */
export function jobContextFromMessage(context: MessageContext): MessageContext {
  return { ...context };
}

/** The fields a job's child logger carries (never the payload: it may hold personal data). */
export function jobLogBindings(
  context: MessageContext,
  message: { readonly id: string; readonly type: string },
): Record<string, string | null> {
  return {
    messageId: message.id,
    messageType: message.type,
    actorId: context.actorId,
    requestId: context.requestId,
    traceId: traceIdOf(context.traceparent),
  };
}

const storage = new AsyncLocalStorage<MessageContext>();

/**
 * Runs `fn` with `context` as the current job context; `createWorker` wraps every handler in it,
 * so code deep inside a handler can read it without threading it through.
 */
export function runWithJobContext<T>(context: MessageContext, fn: () => T): T {
  return storage.run(context, fn);
}

/** The context of the job running now, or undefined outside a job. */
export function currentJobContext(): MessageContext | undefined {
  return storage.getStore();
}
