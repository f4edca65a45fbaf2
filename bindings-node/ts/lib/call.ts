/**
 * One API call through the native client: the call's options (checked by the core: an
 * unknown name is an error, never ignored), its `AbortSignal` wired to the core's
 * cancellation, and what the response said about itself kept on the model.
 */

import type { NativeCancel, NativeClient } from '../../native'
import { native } from './addon'
import { APIUserAbortError, ValidationError, fromNative } from './errors'
import type { ApiResponse, RequestOptions } from './models'

export { fromNative }

interface Invoked {
  data: unknown
  requestId: string | null
  idempotentReplayed: boolean
  status: number
  idempotencyKey: string | null
}

function isSignal(value: unknown): value is AbortSignal {
  return typeof value === 'object' && value !== null && typeof (value as AbortSignal).aborted === 'boolean' && typeof (value as AbortSignal).addEventListener === 'function'
}

/** The model, with `_requestId` and `_idempotentReplayed` (not enumerable: JSON and spreads leave them out). */
function withResponse<T>(invoked: Invoked): ApiResponse<T> {
  const data = invoked.data as T
  if (typeof data === 'object' && data !== null) {
    Object.defineProperties(data, {
      _requestId: { value: invoked.requestId, enumerable: false },
      _idempotentReplayed: { value: invoked.idempotentReplayed, enumerable: false },
    })
  }
  return data as ApiResponse<T>
}

const MAX_NESTING = native.maxNesting()

/**
 * Refuses a value nested deeper than the core's limit before the addon converts it (a
 * recursive conversion of a value 10,000 deep would fail with an untyped error, and a
 * cyclic object never ends); the error names the top-level field, as in every language.
 */
export function checkNesting(value: unknown, what: string): void {
  const stack: [unknown, number, string | null][] = [[value, 1, null]]
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const [current, depth, top] = next
    if (typeof current !== 'object' || current === null) continue
    if (depth > MAX_NESTING) {
      try {
        native.nestingError(top ?? what)
      } catch (error) {
        throw fromNative(error)
      }
    }
    const entries: [string | null, unknown][] = Array.isArray(current) ? current.map((item) => [null, item]) : Object.entries(current)
    // A key '' is no field name: the error then names the parameters.
    for (const [key, child] of entries) stack.push([child, depth + 1, depth === 1 && key ? key : top])
  }
}

/** Runs `operation` with `params` and the call's `options`. */
export async function call<T>(client: NativeClient, operation: string, id: string | null, params: unknown, options?: RequestOptions): Promise<ApiResponse<T>> {
  let rest: unknown = options ?? null
  let cancel: NativeCancel | null = null
  let signal: AbortSignal | undefined
  let onAbort: (() => void) | undefined
  if (typeof options === 'object' && options !== null && 'signal' in options) {
    const { signal: given, ...others } = options
    rest = others
    if (given !== undefined && given !== null) {
      if (!isSignal(given)) throw new ValidationError({ kind: 'validation', field: 'signal', message: 'invalid `signal`: must be an AbortSignal' })
      if (given.aborted) throw new APIUserAbortError({ kind: 'cancelled', message: `${operation} was aborted before it started` })
      signal = given
      const token = new native.NativeCancel()
      onAbort = () => token.cancel()
      signal.addEventListener('abort', onAbort, { once: true })
      cancel = token
    }
  }
  try {
    checkNesting(params, 'params')
    checkNesting(rest, 'options')
    return withResponse<T>((await client.invoke(operation, id, params ?? null, rest, cancel)) as Invoked)
  } catch (error) {
    throw fromNative(error)
  } finally {
    if (signal && onAbort) signal.removeEventListener('abort', onAbort)
  }
}
