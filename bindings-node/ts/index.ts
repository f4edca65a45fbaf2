/**
 * momentpay: the server-side SDK for Moment's payments API.
 *
 *   const { Moment, Webhook } = require('momentpay')   // or: import { Moment } from 'momentpay'
 *   const moment = new Moment()                           // MOMENT_API_KEY, MOMENT_BASE_URL
 *   const session = await moment.paymentSessions.create({ amount: 5000, currency: 'ZAR' })
 *   const event = new Webhook(secret).verify(rawBody, req.headers)
 */

export { Moment, PaymentSessions, Payments, PaymentRequests, PaymentPages, Billing, BillingCustomers, BillingAccounts, Bills } from './lib/client'
export { Webhook, type WebhookOptions, type VerifyOptions } from './lib/webhook'
export { EdgeWebhook, type EdgeWebhookOptions } from './lib/edge'
export * from './lib/errors'
export type * from './lib/models'
export type { HeadersLike, RawBody } from './lib/headers'

/** The package version. */
export const VERSION = '0.1.0'
