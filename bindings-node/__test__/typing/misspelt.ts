// Must NOT type-check: each line marked `error` is a mistake tsc has to catch.
import { Moment } from 'momentpay'

export async function wrong(moment: Moment): Promise<void> {
  await moment.paymentSessions.create({ amount: 1, currency: 'ZAR', options: { custmer: 'cus_1' } }) // error: custmer
  await moment.paymentSessions.create({ amount: 1, currency: 'ZAR', options: { payment_method_options: { card: { capture_metod: 'manual' } } } }) // error: capture_metod
  await moment.paymentSessions.create({ amount: 1, currency: 'ZAR', type: 'one_tim' }) // error: one_tim
  await moment.paymentSessions.create({ amount: 1, currency: 'ZAR' }, { idempotency_key: 'k' }) // error: snake_case option
  await moment.paymentSessions.retrieve('ps_1', { idempotencyKey: 'k' }) // error: a GET takes no idempotency key
}

// momentpay/testing: its options are closed and its event types known.
import { Simulator as TestSimulator } from 'momentpay/testing'
export async function misspeltTesting(sim: TestSimulator): Promise<void> {
  await sim.advanceClock({ day: 1 }) // error: unknown unit
  await sim.injectFaults({ rat: 0.5 }) // error: unknown fault option
  await sim.webhooks.waitFor('payment.captur') // error: not an event type
  await sim.trigger('payment_session.complete') // error: not an event type
}
