// ESM entry point of `momentpay/edge` (no native addon).
import edge from './edge.js'

export const {
  EdgeWebhook, errorFrom, fromNative,
  MomentError, APIError, AuthenticationError, PermissionDeniedError, NotFoundError, ConflictError, IdempotencyError,
  InvalidRequestError, RequestFailedError, RateLimitError, ServerError, APIConnectionError, APITimeoutError,
  ValidationError, ConfigurationError, DecodeError, InternalError, WebhookVerificationError, WebhookMissingHeaderError,
  WebhookInvalidTimestampError, WebhookTimestampTooOldError, WebhookTimestampTooNewError, WebhookSignatureError,
  WebhookSecretError, WebhookPayloadError,
} = edge
export default edge
