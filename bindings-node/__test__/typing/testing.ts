// Type-checks clean: momentpay/testing as a TypeScript test suite uses it. waitFor's event
// narrows by the type asked for; options are closed.
import { Simulator, SimulatorServer, type Clock } from 'momentpay/testing'

export async function flow(server: SimulatorServer): Promise<string> {
  const sim = await Simulator.start({ server })
  const session = await sim.client({ maxRetries: 1 }).paymentSessions.create({ amount: 100, currency: 'ZAR' })
  const paid = await sim.pay(session)
  const event = await sim.webhooks.waitFor('payment_session.completed', { objectId: session.id, timeout: 5000 })
  const outcome: string | null | undefined = event.data.payment_outcome
  const captured = await sim.webhooks.waitFor('payment.captured', { where: (e) => (e.data.paid_amount ?? 0) > 0 })
  const paidAmount: number | null | undefined = captured.data.paid_amount
  const clock: Clock = await sim.advanceClock({ days: 31 })
  await sim.injectFaults({ rate: 0.5, kinds: ['503', 'lost_response'], retryAfterSeconds: 1 })
  await sim.setWebhookChaos({ duplicateRate: 1, reorderWindowMs: 100 })
  await sim.trigger('payment.voided')
  await sim.stop()
  return `${paid.status} ${outcome ?? ''} ${paidAmount ?? 0} ${clock.now}`
}
