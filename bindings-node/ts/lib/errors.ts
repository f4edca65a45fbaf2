/**
 * Errors: Error subclasses rooted at MomentError, built from the core's error description.
 * Shared by the native client and the addon-free webhook verifier (`momentpay/edge`).
 */

/** Fields every momentpay error carries. */
export interface MomentErrorDetails {
  /** The core's error kind (`not_found`, `validation`, `webhook`, ...). */
  kind: string
  message: string
  /** HTTP status, when Moment answered. */
  status?: number | null
  /** The problem code (`not-found`, `conflict`, ...) or the webhook failure code. */
  code?: string | null
  /** Moment's `x-request-id`. */
  requestId?: string | null
  /** The Idempotency-Key the failed call carried (mutations): repeat the call with it. */
  idempotencyKey?: string | null
  /** Whether the failed mutation may have been applied (see `MomentError.outcomeUnknown`). */
  outcomeUnknown?: boolean
  /** The offending field, for validation errors. */
  field?: string | null
  /** Whether repeating the call (same idempotency key) may succeed. */
  retryable?: boolean
  /** Seconds from Moment's Retry-After. */
  retryAfter?: number | null
  /** The RFC 9457 problem document. */
  problem?: Record<string, unknown> | null
}

/** Base of every error thrown by momentpay. */
export class MomentError extends Error {
  readonly kind: string
  readonly status: number | null
  readonly code: string | null
  readonly requestId: string | null
  /** The Idempotency-Key the failed call carried (mutations): repeat the call with it and Moment answers the first attempt's result instead of doing the work twice. */
  readonly idempotencyKey: string | null
  /** True when the call was a mutation that may have been applied although it failed (a timeout, a lost connection, a 500, 502 or 504 after the request left): repeat it with `idempotencyKey` to learn its result without applying it twice. */
  readonly outcomeUnknown: boolean
  readonly field: string | null
  readonly retryable: boolean
  readonly retryAfter: number | null
  readonly problem: Record<string, unknown> | null
  readonly title: string | null
  readonly detail: string | null

  constructor(details: MomentErrorDetails) {
    super(details.message)
    this.name = new.target.name
    this.kind = details.kind
    this.status = details.status ?? null
    this.code = details.code ?? null
    this.requestId = details.requestId ?? null
    this.idempotencyKey = details.idempotencyKey ?? null
    this.outcomeUnknown = details.outcomeUnknown ?? false
    this.field = details.field ?? null
    this.retryable = details.retryable ?? false
    this.retryAfter = details.retryAfter ?? null
    this.problem = details.problem ?? null
    this.title = typeof this.problem?.title === 'string' ? this.problem.title : null
    this.detail = typeof this.problem?.detail === 'string' ? this.problem.detail : null
  }
}

/** Moment answered with an error status. */
export class APIError extends MomentError {}
/** 401: no valid API key. */
export class AuthenticationError extends APIError {}
/** 403, or a public key used for a call that needs a secret key. */
export class PermissionDeniedError extends APIError {}
/** 404: the resource does not exist. */
export class NotFoundError extends APIError {}
/** 409: the resource's state does not allow the operation. */
export class ConflictError extends APIError {}
/** 409 idempotency-key-in-use or 422 idempotency-key-mismatch. */
export class IdempotencyError extends ConflictError {}
/** 400, 413 or 422: Moment rejected the parameters (or the body was too large). */
export class InvalidRequestError extends APIError {}
/** 402: valid parameters, but the request failed. */
export class RequestFailedError extends APIError {}
/** 429: too many requests. */
export class RateLimitError extends APIError {}
/** 5xx: Moment failed. */
export class ServerError extends APIError {}
/** The connection failed before a response arrived. */
export class APIConnectionError extends MomentError {}
/** An attempt took longer than its timeout. */
export class APITimeoutError extends APIConnectionError {}
/** The call's `signal` aborted it. A mutation may have reached Moment: repeat it with `idempotencyKey`. */
export class APIUserAbortError extends APIConnectionError {}
/** Refused before sending; `field` names the offending field. */
export class ValidationError extends MomentError {}
/** The client is misconfigured (missing key, insecure URL, ...). */
export class ConfigurationError extends MomentError {}
/** A response could not be decoded. */
export class DecodeError extends MomentError {}
/** A bug inside momentpay; please report it. */
export class InternalError extends MomentError {}
/** A webhook did not verify; `code` says why. */
export class WebhookVerificationError extends MomentError {}
/** A webhook-* header is missing. */
export class WebhookMissingHeaderError extends WebhookVerificationError {}
/** webhook-timestamp is not Unix seconds. */
export class WebhookInvalidTimestampError extends WebhookVerificationError {}
/** The webhook is older than the tolerance (a replay?). */
export class WebhookTimestampTooOldError extends WebhookVerificationError {}
/** The webhook is further in the future than the tolerance. */
export class WebhookTimestampTooNewError extends WebhookVerificationError {}
/** No v1 signature matches the payload and secret. */
export class WebhookSignatureError extends WebhookVerificationError {}
/** The webhook secret is empty or not base64. */
export class WebhookSecretError extends WebhookVerificationError {}
/** The signature verified but the body is not a Moment event. */
export class WebhookPayloadError extends WebhookVerificationError {}

const BY_KIND: Record<string, new (details: MomentErrorDetails) => MomentError> = {
  authentication: AuthenticationError,
  permission_denied: PermissionDeniedError,
  not_found: NotFoundError,
  conflict: ConflictError,
  idempotency_conflict: IdempotencyError,
  invalid_request: InvalidRequestError,
  request_failed: RequestFailedError,
  rate_limited: RateLimitError,
  server: ServerError,
  api: APIError,
  connection: APIConnectionError,
  timeout: APITimeoutError,
  cancelled: APIUserAbortError,
  validation: ValidationError,
  configuration: ConfigurationError,
  decode: DecodeError,
  internal: InternalError,
}

const BY_WEBHOOK_FAILURE: Record<string, new (details: MomentErrorDetails) => MomentError> = {
  missing_header: WebhookMissingHeaderError,
  invalid_timestamp: WebhookInvalidTimestampError,
  timestamp_too_old: WebhookTimestampTooOldError,
  timestamp_too_new: WebhookTimestampTooNewError,
  no_matching_signature: WebhookSignatureError,
  invalid_secret: WebhookSecretError,
  malformed_body: WebhookPayloadError,
}

/** The error class for a description. */
export function errorFrom(details: MomentErrorDetails): MomentError {
  const Class =
    details.kind === 'webhook'
      ? (BY_WEBHOOK_FAILURE[details.code ?? ''] ?? WebhookVerificationError)
      : (BY_KIND[details.kind] ?? MomentError)
  return new Class(details)
}

const PREFIX = 'MOMENTPAY_ERROR:'

/** Converts an error thrown by the native addon into its MomentError subclass. */
export function fromNative(error: unknown): unknown {
  if (error instanceof Error && error.message.startsWith(PREFIX)) {
    try {
      return errorFrom(JSON.parse(error.message.slice(PREFIX.length)) as MomentErrorDetails)
    } catch {
      return error
    }
  }
  return error
}
