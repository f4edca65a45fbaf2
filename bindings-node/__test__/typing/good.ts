// Type-checks clean (tsc --strict, noUncheckedIndexedAccess, exactOptionalPropertyTypes): events
// narrow by `type` and the union stays open, requests are closed types, responses carry meta.
import { Moment, Webhook, type MomentEvent, type CreatePaymentSessionParams } from 'momentpay'

export function handle(event: MomentEvent): string {
  switch (event.type) {
    case 'payment_session.completed':
      return event.data.payment_outcome ?? 'none'
    case 'payment.captured':
      return String(event.data.paid_amount)
    default:
      // An event type this version does not know lands here (its type is still a string).
      return (event.type as string).toUpperCase()
  }
}

export async function charge(moment: Moment, customer: string, method: string, signal: AbortSignal): Promise<string | null> {
  const params: CreatePaymentSessionParams = { amount: 1500, currency: 'ZAR', type: 'next_in_series', options: { customer, payment_method: method } }
  const session = await moment.paymentSessions.create(params, { idempotencyKey: 'k', timeout: 30_000, signal })
  return session._requestId
}

export const verify = (secret: string, body: Buffer, headers: Record<string, string>): MomentEvent => new Webhook(secret).verify(body, headers)
