// A merchant's test suite, as docs/testing.md shows it: a recurring checkout, its webhook,
// three charges on the saved card and a renewal a month later, against a local Moment.
//
// npm install --save-dev momentpay-sim, then: node --test
import { after, before, beforeEach, afterEach, test } from 'node:test'
import assert from 'node:assert/strict'
import { Simulator, SimulatorServer } from 'momentpay/testing'

// The merchant's webhook handler: once per event ID, and it reads payment_outcome, because a
// declined charge also arrives as payment_session.completed.
function handle(event, ledger, seen) {
  if (seen.has(event.id)) return
  seen.add(event.id)
  if (event.type === 'payment_session.completed' && event.data.payment_outcome === 'paid') {
    ledger.set(event.data.id, event.data.amount)
  }
}

// One simulator process for the file, a fresh merchant for each test.
let server
let sim
before(async () => {
  server = await SimulatorServer.start()
})
after(() => server.stop())
beforeEach(async () => {
  sim = await Simulator.start({ server })
})
afterEach(() => sim.stop())

test('a subscription is charged and renewed', async () => {
  const client = sim.client()
  const ledger = new Map()
  const seen = new Set()

  // The customer pays the first payment at checkout and accepts the mandate.
  const first = await client.paymentSessions.create({
    amount: 5000,
    currency: 'ZAR',
    type: 'first_in_series',
    options: {
      customer: { name: 'Alex', email: 'alex@example.com' },
      mandate_options: { type: 'on_demand', amount: { max: 5000 }, recurrence: { type: 'monthly' } },
      subscription_options: {},
    },
  })
  await sim.pay(first)
  const completed = await sim.webhooks.waitFor('payment_session.completed', { objectId: first.id })
  handle(completed, ledger, seen)
  assert.equal(completed.data.payment_outcome, 'paid')
  const { customer_id: customer, payment_method_id: paymentMethod } = completed.data
  assert.ok(customer && paymentMethod)

  // Three charges on the saved card. Each completes asynchronously: wait for its webhook.
  for (let n = 0; n < 3; n++) {
    const charge = await client.paymentSessions.create({
      amount: 1000 + n,
      currency: 'ZAR',
      type: 'next_in_series',
      options: { customer, payment_method: paymentMethod },
      external_reference: `charge-${n}`,
    })
    handle(await sim.webhooks.waitFor('payment_session.completed', { objectId: charge.id }), ledger, seen)
  }
  assert.deepEqual([...ledger.values()].sort((a, b) => a - b), [1000, 1001, 1002, 5000])

  // A month later Moment renews the subscription by itself.
  const clock = await sim.advanceClock({ days: 31 })
  assert.equal(clock.subscription_charges, 1)
  const renewal = await sim.webhooks.waitFor('payment_session.completed', { where: (event) => !ledger.has(event.data.id) })
  handle(renewal, ledger, seen)
  assert.equal(renewal.data.type, 'next_in_series')
  assert.equal(ledger.get(renewal.data.id), 5000)
})

test('a declined recurring charge is still completed', async () => {
  const client = sim.client()
  const first = await client.paymentSessions.create({
    amount: 5000,
    currency: 'ZAR',
    type: 'first_in_series',
    options: { customer: { name: 'Sam', email: 'sam@example.com' } },
  })
  // A test card that saves, then declines every later charge.
  const saved = await sim.pay(first, '4000000000000341')
  const charge = await client.paymentSessions.create({
    amount: 1000,
    currency: 'ZAR',
    type: 'next_in_series',
    options: { customer: saved.customer_id, payment_method: saved.payment_method_id },
  })
  const event = await sim.webhooks.waitFor('payment_session.completed', { objectId: charge.id })
  assert.equal(event.data.status, 'completed')
  assert.equal(event.data.payment_outcome, 'unpaid', 'completed is not paid: read payment_outcome')
})

test('webhooks may repeat and arrive out of order', async () => {
  await sim.setWebhookChaos({ duplicateRate: 1, reorderWindowMs: 300, seed: 1 })
  const session = await sim.client().paymentSessions.create({ amount: 700, currency: 'ZAR' })
  await sim.pay(session)
  const events = await sim.webhooks.waitForCount(6) // created, succeeded, completed; twice each
  const ledger = new Map()
  const seen = new Set()
  for (const event of events) handle(event, ledger, seen)
  assert.deepEqual([...ledger], [[session.id, 700]], 'counted once although delivered twice')
})
