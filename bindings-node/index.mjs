// ESM entry point: the CommonJS build, re-exported by name.
import momentpay from './index.js'

export const {
  Moment, PaymentSessions, Payments, PaymentRequests, PaymentPages, Billing, BillingCustomers, BillingAccounts, Bills,
  Webhook, EdgeWebhook, VERSION, errorFrom, fromNative,
  MomentError, APIError, AuthenticationError, PermissionDeniedError, NotFoundError, ConflictError, IdempotencyError,
  InvalidRequestError, RequestFailedError, RateLimitError, ServerError, APIConnectionError, APITimeoutError,
  ValidationError, ConfigurationError, DecodeError, InternalError, WebhookVerificationError, WebhookMissingHeaderError,
  WebhookInvalidTimestampError, WebhookTimestampTooOldError, WebhookTimestampTooNewError, WebhookSignatureError,
  WebhookSecretError, WebhookPayloadError,
} = momentpay
export default momentpay
