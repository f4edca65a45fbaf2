/**
 * `momentpay/testing`: test fixtures for code that uses momentpay. A local Moment (the
 * `momentpay-sim` binary: `npm install --save-dev momentpay-sim`) with a merchant of your
 * test's own, for node:test, Jest and Vitest.
 *
 *   import { Simulator } from 'momentpay/testing'
 *   const sim = await Simulator.start()
 *   const session = await sim.client().paymentSessions.create({ amount: 5000, currency: 'ZAR' })
 *   await sim.pay(session)
 *   const event = await sim.webhooks.waitFor('payment_session.completed', { objectId: session.id })
 *   await sim.stop()
 */
export {
  Simulator,
  SimulatorServer,
  SimulatorError,
  SimulatorNotFoundError,
  findSimulator,
  type ChaosOptions,
  type Clock,
  type Duration,
  type FaultOptions,
  type SimulatorOptions,
  type SimulatorServerOptions,
  type Triggered,
} from './lib/simulator'
export { WebhookReceiver, WebhookTimeoutError, type EventNamed, type WaitForOptions } from './lib/receiver'
