"use strict";
/**
 * Errors: Error subclasses rooted at MomentError, built from the core's error description.
 * Shared by the native client and the addon-free webhook verifier (`momentpay/edge`).
 */
Object.defineProperty(exports, "__esModule", { value: true });
exports.WebhookPayloadError = exports.WebhookSecretError = exports.WebhookSignatureError = exports.WebhookTimestampTooNewError = exports.WebhookTimestampTooOldError = exports.WebhookInvalidTimestampError = exports.WebhookMissingHeaderError = exports.WebhookVerificationError = exports.InternalError = exports.DecodeError = exports.ConfigurationError = exports.ValidationError = exports.APIUserAbortError = exports.APITimeoutError = exports.APIConnectionError = exports.ServerError = exports.RateLimitError = exports.RequestFailedError = exports.InvalidRequestError = exports.IdempotencyError = exports.ConflictError = exports.NotFoundError = exports.PermissionDeniedError = exports.AuthenticationError = exports.APIError = exports.MomentError = void 0;
exports.errorFrom = errorFrom;
exports.fromNative = fromNative;
/** Base of every error thrown by momentpay. */
class MomentError extends Error {
    kind;
    status;
    code;
    requestId;
    /** The Idempotency-Key the failed call carried (mutations): repeat the call with it and Moment answers the first attempt's result instead of doing the work twice. */
    idempotencyKey;
    /** True when the call was a mutation that may have been applied although it failed (a timeout, a lost connection, a 500, 502 or 504 after the request left): repeat it with `idempotencyKey` to learn its result without applying it twice. */
    outcomeUnknown;
    field;
    retryable;
    retryAfter;
    problem;
    title;
    detail;
    constructor(details) {
        super(details.message);
        this.name = new.target.name;
        this.kind = details.kind;
        this.status = details.status ?? null;
        this.code = details.code ?? null;
        this.requestId = details.requestId ?? null;
        this.idempotencyKey = details.idempotencyKey ?? null;
        this.outcomeUnknown = details.outcomeUnknown ?? false;
        this.field = details.field ?? null;
        this.retryable = details.retryable ?? false;
        this.retryAfter = details.retryAfter ?? null;
        this.problem = details.problem ?? null;
        this.title = typeof this.problem?.title === 'string' ? this.problem.title : null;
        this.detail = typeof this.problem?.detail === 'string' ? this.problem.detail : null;
    }
}
exports.MomentError = MomentError;
/** Moment answered with an error status. */
class APIError extends MomentError {
}
exports.APIError = APIError;
/** 401: no valid API key. */
class AuthenticationError extends APIError {
}
exports.AuthenticationError = AuthenticationError;
/** 403, or a public key used for a call that needs a secret key. */
class PermissionDeniedError extends APIError {
}
exports.PermissionDeniedError = PermissionDeniedError;
/** 404: the resource does not exist. */
class NotFoundError extends APIError {
}
exports.NotFoundError = NotFoundError;
/** 409: the resource's state does not allow the operation. */
class ConflictError extends APIError {
}
exports.ConflictError = ConflictError;
/** 409 idempotency-key-in-use or 422 idempotency-key-mismatch. */
class IdempotencyError extends ConflictError {
}
exports.IdempotencyError = IdempotencyError;
/** 400, 413 or 422: Moment rejected the parameters (or the body was too large). */
class InvalidRequestError extends APIError {
}
exports.InvalidRequestError = InvalidRequestError;
/** 402: valid parameters, but the request failed. */
class RequestFailedError extends APIError {
}
exports.RequestFailedError = RequestFailedError;
/** 429: too many requests. */
class RateLimitError extends APIError {
}
exports.RateLimitError = RateLimitError;
/** 5xx: Moment failed. */
class ServerError extends APIError {
}
exports.ServerError = ServerError;
/** The connection failed before a response arrived. */
class APIConnectionError extends MomentError {
}
exports.APIConnectionError = APIConnectionError;
/** An attempt took longer than its timeout. */
class APITimeoutError extends APIConnectionError {
}
exports.APITimeoutError = APITimeoutError;
/** The call's `signal` aborted it. A mutation may have reached Moment: repeat it with `idempotencyKey`. */
class APIUserAbortError extends APIConnectionError {
}
exports.APIUserAbortError = APIUserAbortError;
/** Refused before sending; `field` names the offending field. */
class ValidationError extends MomentError {
}
exports.ValidationError = ValidationError;
/** The client is misconfigured (missing key, insecure URL, ...). */
class ConfigurationError extends MomentError {
}
exports.ConfigurationError = ConfigurationError;
/** A response could not be decoded. */
class DecodeError extends MomentError {
}
exports.DecodeError = DecodeError;
/** A bug inside momentpay; please report it. */
class InternalError extends MomentError {
}
exports.InternalError = InternalError;
/** A webhook did not verify; `code` says why. */
class WebhookVerificationError extends MomentError {
}
exports.WebhookVerificationError = WebhookVerificationError;
/** A webhook-* header is missing. */
class WebhookMissingHeaderError extends WebhookVerificationError {
}
exports.WebhookMissingHeaderError = WebhookMissingHeaderError;
/** webhook-timestamp is not Unix seconds. */
class WebhookInvalidTimestampError extends WebhookVerificationError {
}
exports.WebhookInvalidTimestampError = WebhookInvalidTimestampError;
/** The webhook is older than the tolerance (a replay?). */
class WebhookTimestampTooOldError extends WebhookVerificationError {
}
exports.WebhookTimestampTooOldError = WebhookTimestampTooOldError;
/** The webhook is further in the future than the tolerance. */
class WebhookTimestampTooNewError extends WebhookVerificationError {
}
exports.WebhookTimestampTooNewError = WebhookTimestampTooNewError;
/** No v1 signature matches the payload and secret. */
class WebhookSignatureError extends WebhookVerificationError {
}
exports.WebhookSignatureError = WebhookSignatureError;
/** The webhook secret is empty or not base64. */
class WebhookSecretError extends WebhookVerificationError {
}
exports.WebhookSecretError = WebhookSecretError;
/** The signature verified but the body is not a Moment event. */
class WebhookPayloadError extends WebhookVerificationError {
}
exports.WebhookPayloadError = WebhookPayloadError;
const BY_KIND = {
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
};
const BY_WEBHOOK_FAILURE = {
    missing_header: WebhookMissingHeaderError,
    invalid_timestamp: WebhookInvalidTimestampError,
    timestamp_too_old: WebhookTimestampTooOldError,
    timestamp_too_new: WebhookTimestampTooNewError,
    no_matching_signature: WebhookSignatureError,
    invalid_secret: WebhookSecretError,
    malformed_body: WebhookPayloadError,
};
/** The error class for a description. */
function errorFrom(details) {
    const Class = details.kind === 'webhook'
        ? (BY_WEBHOOK_FAILURE[details.code ?? ''] ?? WebhookVerificationError)
        : (BY_KIND[details.kind] ?? MomentError);
    return new Class(details);
}
const PREFIX = 'MOMENTPAY_ERROR:';
/** Converts an error thrown by the native addon into its MomentError subclass. */
function fromNative(error) {
    if (error instanceof Error && error.message.startsWith(PREFIX)) {
        try {
            return errorFrom(JSON.parse(error.message.slice(PREFIX.length)));
        }
        catch {
            return error;
        }
    }
    return error;
}
