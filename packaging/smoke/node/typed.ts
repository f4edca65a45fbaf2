// A merchant's TypeScript against the installed package, compiled by tsc with the strictest
// settings users turn on (tsconfig.json), declarations of node_modules included.
import { Moment, Webhook, MomentError, type PaymentSession, type MomentEvent } from 'momentpay'
import { EdgeWebhook } from 'momentpay/edge'

export async function checkout(moment: Moment): Promise<string | null> {
  const session: PaymentSession = await moment.paymentSessions.create(
    { amount: 5000, currency: 'ZAR', options: { checkout_options: { return_url: 'https://shop.example/done' } } },
    { idempotencyKey: 'order-1' },
  )
  return session.session_url ?? null
}

export function handle(secret: string, body: Buffer, headers: Record<string, string | string[] | undefined>): string {
  let event: MomentEvent
  try {
    event = new Webhook(secret).verify(body, headers)
  } catch (error) {
    if (error instanceof MomentError) return error.kind
    throw error
  }
  switch (event.type) {
    case 'payment_session.completed':
      return event.data.payment_outcome ?? 'unknown'
    default:
      return event.type
  }
}

export const edge = new EdgeWebhook(Webhook.generateSecret())
