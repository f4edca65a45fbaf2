// Authorise now, capture later, in TypeScript (checked with tsc --strict): a manual-capture
// checkout, two partial captures, a refused over-capture and a void of the rest.
import { Moment, ConflictError, type Payment, type PaymentSession } from 'momentpay'

async function payCheckout(session: PaymentSession): Promise<void> {
  const sim = process.env.MOMENT_SIM_URL
  if (sim === undefined) {
    console.log(`pay the checkout at ${session.session_url ?? '?'}, then run again`)
    return
  }
  await fetch(`${sim}/_sim/payment_sessions/${session.id}/complete`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } })
}

async function main(): Promise<void> {
  const moment = new Moment()
  const session = await moment.paymentSessions.create({
    amount: 300_000,
    currency: 'ZAR',
    options: { payment_method_options: { card: { capture_method: 'manual' } } },
    external_reference: 'order_3000',
  })
  await payCheckout(session)
  const reserved = await moment.paymentSessions.retrieve(session.id)
  if (reserved.payment_outcome !== 'reserved' || reserved.payment_id === null) throw new Error('not authorised')
  const paymentId: string = reserved.payment_id
  const first: Payment = await moment.payments.capture(paymentId, { amount: 120_000 }, { idempotencyKey: 'order_3000-c1' })
  console.log(`captured ${first.paid_amount ?? 0}`)
  const second = await moment.payments.capture(paymentId, { amount: 80_000 }, { idempotencyKey: 'order_3000-c2' })
  console.log(`captured, total ${second.paid_amount ?? 0}`)
  try {
    await moment.payments.capture(paymentId, { amount: 200_000 })
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error
    console.log(`refused: ${error.detail ?? error.message}`)
  }
  const voided = await moment.payments.void(paymentId)
  console.log(`voided ${voided.voided_amount ?? 0}; paid ${voided.paid_amount ?? 0} of ${voided.authorised_amount ?? 0}`)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
