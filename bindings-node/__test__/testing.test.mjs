// momentpay/testing, the fixtures merchants use: the verbs against a real momentpay-sim,
// isolation between merchants, and a clear error for every wrong argument.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import path from 'node:path'
import * as momentpay from 'momentpay'
import { Simulator, SimulatorServer, SimulatorError, SimulatorNotFoundError, WebhookTimeoutError, findSimulator } from 'momentpay/testing'
import { ROOT } from './helpers.mjs'

process.env.MOMENTPAY_SIM_BIN ??= path.join(process.env.CARGO_TARGET_DIR ?? path.join(ROOT, 'target'), 'debug', 'momentpay-sim')

let server
before(async () => {
  server = await SimulatorServer.start()
})
after(() => server.stop())

test('a standalone simulator runs its own process and stops it', async () => {
  const sim = await Simulator.start()
  assert.match(sim.baseUrl, /^http:\/\/127\.0\.0\.1:\d+$/)
  assert.match(sim.apiKey, /^sk_test_/)
  assert.match(sim.webhookSecret, /^whsec_/)
  const session = await sim.client().paymentSessions.create({ amount: 100, currency: 'ZAR' })
  const paid = await sim.pay(session.id)
  assert.deepEqual([paid.status, paid.payment_outcome], ['completed', 'paid'])
  const event = await sim.webhooks.waitFor('payment_session.completed', { objectId: session.id })
  assert.equal(event.data.id, session.id)
  await sim.stop()
  await assert.rejects(fetch(`${sim.baseUrl}/_sim/health`))
})

test('merchants on one server never see each other', async () => {
  const mine = await Simulator.start({ server })
  const other = await Simulator.start({ server })
  await mine.injectFaults({ rate: 1, kinds: ['503'] })
  await mine.setWebhookChaos({ delayMs: 3_600_000 })
  await mine.advanceClock({ days: 40 })
  const theirs = await other.client().paymentSessions.create({ amount: 100, currency: 'ZAR' })
  const drift = Math.abs(Date.parse(theirs.created_at) - Date.now())
  assert.ok(drift < 3_600_000, `their clock did not move (created_at is ${drift} ms from now, not 40 days)`)
  await other.webhooks.waitFor('payment_session.created', { objectId: theirs.id })
  await assert.rejects(mine.client({ maxRetries: 0 }).paymentSessions.retrieve(theirs.id), momentpay.ServerError)
  await mine.clearFaults()
  await assert.rejects(mine.client().paymentSessions.retrieve(theirs.id), momentpay.NotFoundError)
  await mine.stop()
  await other.stop()
})

test('advanceToNextEvent runs the renewal; triggers, resend and reset work', async () => {
  const sim = await Simulator.start({ server })
  const client = sim.client()
  const first = await client.paymentSessions.create({
    amount: 2500, currency: 'ZAR', type: 'first_in_series',
    options: {
      customer: { name: 'Kim', email: 'kim@example.com' },
      mandate_options: { type: 'scheduled', amount: 2500, recurrence: { type: 'monthly' } },
      subscription_options: {},
    },
  })
  await sim.pay(first)
  const clock = await sim.advanceToNextEvent()
  assert.equal(clock.what, 'subscription charge')
  await sim.webhooks.waitFor('payment_session.completed', { where: (e) => e.data.type === 'next_in_series' })
  for (const type of ['payment.voided', 'payment_page.payment_received']) {
    const earlier = new Set((await sim.webhooks.received()).map((e) => e.id))
    const triggered = await sim.trigger(type)
    assert.equal(triggered.event, type)
    // Only an event that arrived after this trigger counts, about an object it made.
    const arrived = await sim.webhooks.waitFor(type, { where: (e) => !earlier.has(e.id) })
    const named = new Set(Object.values(arrived.data).filter((v) => typeof v === 'string'))
    assert.ok(triggered.objects.some(([, id]) => named.has(id)), JSON.stringify([arrived.data, triggered.objects]))
  }
  const created = await sim.webhooks.waitFor('payment_session.created', { objectId: first.id })
  const before = (await sim.webhooks.received()).length
  await sim.resend(created.id)
  const all = await sim.webhooks.waitForCount(before + 1)
  assert.equal(all.filter((e) => e.id === created.id).length, 2)
  await sim.reset()
  assert.deepEqual(await sim.webhooks.received(), [])
  await assert.rejects(client.paymentSessions.retrieve(first.id), momentpay.NotFoundError)
  await sim.stop()
})

test('wrong arguments are named', async () => {
  const sim = await Simulator.start({ server })
  const named = (field) => (e) => e instanceof momentpay.ValidationError && e.field === field
  await assert.rejects(sim.injectFaults({ rat: 0.3 }), named('rat'))
  await assert.rejects(sim.injectFaults({ rate: 2 }), (e) => e instanceof SimulatorError && e.status === 422 && e.field === 'rate')
  await assert.rejects(sim.setWebhookChaos({ duplicates: 1 }), named('duplicates'))
  await assert.rejects(sim.setWebhookChaos({ duplicateRate: 1.5 }), (e) => e instanceof SimulatorError && /duplicate_rate/.test(e.message))
  await assert.rejects(sim.advanceClock({ days: -1 }), named('days'))
  await assert.rejects(sim.advanceClock({ hours: '2' }), named('hours'))
  await assert.rejects(sim.advanceClock({ day: 1 }), named('day'))
  await assert.rejects(sim.webhooks.waitFor('payment.captur'), named('type'))
  await assert.rejects(sim.webhooks.waitFor('payment.voided', { timeout: 'soon' }), named('timeout'))
  await assert.rejects(sim.pay('ps_missing'), (e) => e instanceof SimulatorError && /ps_missing/.test(e.message))
  await assert.rejects(sim.pay(42), named('sessionOrId'))
  await assert.rejects(sim.trigger('payment.capture'), (e) => e instanceof SimulatorError && /payment\.captured/.test(e.message))
  await assert.rejects(sim.webhooks.waitFor('payment.voided', { timeout: 200 }), (e) => e instanceof WebhookTimeoutError && /received: nothing/.test(e.message))
  await assert.rejects(SimulatorServer.start({ seed: -1 }), named('seed'))
  await sim.stop()
})

test('a missing binary says where it looked and how to install it', async () => {
  const saved = process.env.MOMENTPAY_SIM_BIN
  try {
    delete process.env.MOMENTPAY_SIM_BIN
    // This checkout has no momentpay-sim npm package installed beside momentpay.
    assert.throws(findSimulator, (e) => e instanceof SimulatorNotFoundError && /MOMENTPAY_SIM_BIN/.test(e.message) && /npm install --save-dev momentpay-sim/.test(e.message))
    await assert.rejects(SimulatorServer.start({ binary: '/nonexistent/momentpay-sim' }), (e) => e instanceof SimulatorError && /nonexistent/.test(e.message))
  } finally {
    process.env.MOMENTPAY_SIM_BIN = saved
  }
})

test("a merchant's own handler receives and verifies forwarded webhooks", async () => {
  // Issue 28, item 3: one line points the simulator's webhooks at the merchant's handler.
  const { createServer } = await import('node:http')
  const sim = await Simulator.start({ server })
  const webhook = new momentpay.Webhook(sim.webhookSecret)
  const verified = []
  let arrived = () => {}
  const handler = createServer((request, response) => {
    const chunks = []
    request.on('data', (chunk) => chunks.push(chunk))
    request.on('end', () => {
      try {
        verified.push(webhook.verify(Buffer.concat(chunks), request.headers))
        response.writeHead(204).end()
        arrived()
      } catch {
        response.writeHead(400).end()
      }
    })
  })
  await new Promise((resolve) => handler.listen(0, '127.0.0.1', resolve))
  try {
    const endpoint = await sim.forwardWebhooksTo(`http://127.0.0.1:${handler.address().port}/webhooks`)
    const session = await sim.client().paymentSessions.create({ amount: 700, currency: 'ZAR' })
    await sim.pay(session.id)
    const deadline = Date.now() + 10_000
    while (!verified.some((e) => e.type === 'payment_session.completed')) {
      assert.ok(Date.now() < deadline, `no completed event; got ${verified.map((e) => e.type)}`)
      await new Promise((resolve) => { arrived = resolve; setTimeout(resolve, 200) })
    }
    const completed = verified.find((e) => e.type === 'payment_session.completed')
    assert.equal(completed.data.id, session.id)
    await sim.webhooks.waitFor('payment_session.completed', { objectId: session.id })
    await sim.stopForwardingWebhooks(endpoint)
    await assert.rejects(sim.stopForwardingWebhooks(endpoint), (error) => error.status === 404)
  } finally {
    handler.close()
    await sim.stop()
  }
})
