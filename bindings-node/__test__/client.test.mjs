import { test, before, after, afterEach } from 'node:test'
import assert from 'node:assert/strict'
import { inspect } from 'node:util'
import { execFileSync } from 'node:child_process'
import { createServer } from 'node:http'
import * as momentpay from 'momentpay'
import { startSimulator, newKey, ROOT } from './helpers.mjs'

const { Moment } = momentpay
let sim
before(async () => { sim = await startSimulator() })
after(() => sim.stop())
// Faults set without a key apply to every merchant: none may outlive its test.
afterEach(() => sim.control('DELETE', '/_sim/faults'))

function client(key = newKey()) {
  return { key, moment: new Moment({ apiKey: key, baseUrl: sim.baseUrl }) }
}

test('recurring series: first_in_series, checkout, next_in_series, mandate breach', async () => {
  const { moment } = client()
  const session = await moment.paymentSessions.create({
    amount: 5000, currency: 'zar', type: 'first_in_series',
    options: { customer: { name: 'Alex', email: 'alex@example.com' }, mandate_options: { type: 'on_demand', amount: { max: 6000 } } },
    metadata: { plan: 'gold' },
  })
  assert.equal(session.currency, 'ZAR')
  assert.equal(session.status, 'active')
  assert.equal(session.payment_id, null)
  assert.deepEqual(session.metadata, { plan: 'gold' })
  await sim.control('POST', `/_sim/payment_sessions/${session.id}/complete`, {})
  const done = await moment.paymentSessions.retrieve(session.id)
  assert.equal(done.payment_outcome, 'paid')
  const next = await moment.paymentSessions.create({ amount: 5500, currency: 'ZAR', type: 'next_in_series', options: { customer: done.customer_id, payment_method: done.payment_method_id } })
  assert.ok(next.payment_id)
  assert.equal((await moment.paymentSessions.retrieve(next.id)).payment_outcome, 'paid')
  await assert.rejects(
    moment.paymentSessions.create({ amount: 9000, currency: 'ZAR', type: 'next_in_series', options: { customer: done.customer_id, payment_method: done.payment_method_id } }),
    (error) => error instanceof momentpay.InvalidRequestError && error.status === 422 && error.field === 'amount',
  )
})

test('capture and void', async () => {
  const { moment } = client()
  const session = await moment.paymentSessions.create({ amount: 3000, currency: 'ZAR', options: { payment_method_options: { card: { capture_method: 'manual' } } } })
  await sim.control('POST', `/_sim/payment_sessions/${session.id}/complete`, {})
  const paymentId = (await moment.paymentSessions.retrieve(session.id)).payment_id
  assert.equal((await moment.payments.retrieve(paymentId)).authorised_amount, 3000)
  assert.equal((await moment.payments.capture(paymentId, { amount: 1000 })).paid_amount, 1000)
  await assert.rejects(moment.payments.capture(paymentId, { amount: 5000 }), (error) => {
    assert.ok(error instanceof momentpay.ConflictError && error instanceof momentpay.APIError && error instanceof momentpay.MomentError)
    assert.equal(error.detail, 'The capture amount exceeds the remaining authorised amount.')
    assert.equal(error.code, 'conflict')
    assert.match(error.requestId, /^req_/)
    return true
  })
  const voided = await moment.payments.void(paymentId, { metadata: { reason: 'partial' } })
  assert.equal(voided.voided_amount, 2000)
  assert.equal(voided.metadata.reason, 'partial')
})

test('payment requests', async () => {
  const { moment } = client()
  const request = await moment.paymentRequests.create({ amount: 100, currency: 'ZAR', description: 'Invoice 1' }, { idempotencyKey: 'pr-1' })
  assert.deepEqual(await moment.paymentRequests.create({ amount: 100, currency: 'ZAR', description: 'Invoice 1' }, { idempotencyKey: 'pr-1' }), request)
  assert.equal((await moment.paymentRequests.retrieve(request.id)).id, request.id)
  assert.equal((await moment.paymentRequests.update(request.id, { external_reference: 'V-134' })).external_reference, 'V-134')
  assert.equal((await moment.paymentRequests.delete(request.id)).deleted, true)
  await assert.rejects(moment.paymentRequests.retrieve(request.id), momentpay.NotFoundError)
})

test('payment pages with async iteration', async () => {
  const { key, moment } = client()
  const page = await sim.control('POST', '/_sim/payment_pages', { amount: 1500, title: 'Tickets' }, key)
  for (let i = 0; i < 7; i++) await sim.control('POST', `/_sim/payment_pages/${page.id}/pay`, { customer: { name: `B${i}` } })
  assert.equal((await moment.paymentPages.retrieve(page.id)).title, 'Tickets')
  assert.equal((await moment.paymentPages.update(page.id, { title: 'Gig' })).title, 'Gig')
  const first = await moment.paymentPages.listTransactions(page.id, { limit: 3 })
  assert.equal(first.data.length, 3)
  assert.ok(first.has_more && first.next_cursor)
  const names = []
  for await (const t of moment.paymentPages.transactions(page.id, { limit: 2 })) names.push(t.customer.name)
  assert.deepEqual(names, ['B0', 'B1', 'B2', 'B3', 'B4', 'B5', 'B6'])
})

test('billing customers, accounts and bills', async () => {
  const { key, moment } = client()
  const customer = await moment.billing.customers.create({ external_reference: 'UCR-1', balance: 2000, currency: 'ZAR' })
  assert.equal(customer.payment_rules.overpayment_allowed, false)
  assert.equal((await moment.billing.customers.retrieve('UCR-1')).id, customer.id)
  assert.equal((await moment.billing.customers.update('UCR-1', { balance: 500 })).balance, 500)
  const account = await moment.billing.accounts.create({ customer: { external_reference: 'UCR-2' }, external_reference: 'UAR-1' })
  assert.equal((await moment.billing.accounts.retrieve('UAR-1')).customer_id, account.customer_id)
  assert.equal((await moment.billing.accounts.update('UAR-1', { name: 'Gym' })).name, 'Gym')
  const bill = await moment.billing.bills.create({ external_reference: 'B-1', amount_due: 2000, currency: 'ZAR', customer: 'UCR-1' })
  assert.equal((await moment.billing.bills.retrieve('B-1')).amount_remaining, 2000)
  assert.equal((await moment.billing.bills.update('B-1', { amount_paid: 1500 })).amount_remaining, 500)
  await sim.control('POST', '/_sim/billing/payments', { bill: bill.id, amount: 500 }, key)
  assert.equal((await moment.billing.bills.retrieve('B-1')).status, 'paid')
  await assert.rejects(moment.billing.bills.void('B-1'), momentpay.ConflictError)
})

test('validation errors name the field and never reach the network', async () => {
  const { key, moment } = client()
  const cases = [
    [{ amount: -1, currency: 'ZAR' }, 'amount'],
    [{ amount: 10.5, currency: 'ZAR' }, 'amount'],
    [{ amount: '10', currency: 'ZAR' }, 'amount'],
    [{ amount: 10, currency: 'RAND' }, 'currency'],
    [{ amount: 10, currency: 'ZAR', type: 'next_in_series' }, 'options.customer'],
    [{ amount: 10, currency: 'ZAR', external_reference: 'has spaces' }, 'external_reference'],
    // A missing required parameter is named, as Python names it.
    [{ currency: 'ZAR' }, 'amount'],
    ['not an object', 'params'],
  ]
  for (const [params, field] of cases) {
    await assert.rejects(moment.paymentSessions.create(params), (error) => {
      assert.ok(error instanceof momentpay.ValidationError, `${JSON.stringify(params)}: ${error}`)
      assert.equal(error.field, field, JSON.stringify(params))
      assert.equal(error.status, null)
      return true
    })
  }
  await assert.rejects(moment.paymentSessions.create({ amount: 1, currency: 'ZAR' }, { idempotencyKey: 'a\r\nX-Evil: 1' }), (e) => e.field === 'idempotencyKey')
  await assert.rejects(moment.paymentSessions.retrieve('ps_1/../../admin'), momentpay.ValidationError)
  assert.deepEqual(await sim.requests(key, '/collect/payment_sessions'), [])
})

test('typed API errors, public keys and insecure URLs', async () => {
  const { key, moment } = client()
  await assert.rejects(moment.payments.retrieve('pay_missing'), (error) => {
    assert.ok(error instanceof momentpay.NotFoundError)
    assert.equal(error.status, 404)
    assert.equal(error.code, 'not-found')
    assert.equal(error.problem.status, 404)
    return true
  })
  const pub = new Moment({ apiKey: key.replace('sk_', 'pk_'), baseUrl: sim.baseUrl })
  assert.ok((await pub.paymentSessions.create({ amount: 100, currency: 'ZAR' })).session_url)
  await assert.rejects(pub.payments.retrieve('pay_1'), (e) => e instanceof momentpay.PermissionDeniedError && /secret key/.test(e.message))
  assert.throws(() => new Moment({ apiKey: key, baseUrl: 'http://api.momentpay.net' }), (e) => e instanceof momentpay.ConfigurationError && /clear text/.test(e.message))
})

test('retries are visible and use one idempotency key', async () => {
  const { key, moment } = client()
  await sim.control('POST', '/_sim/faults', { next: ['503', 'lost_response'] }, key)
  const session = await moment.paymentSessions.create({ amount: 100, currency: 'ZAR' })
  const attempts = await sim.requests(key, '/collect/payment_sessions')
  assert.deepEqual(attempts.map((a) => a.status), [503, 201, 201])
  assert.equal(attempts[2].replayed, true)
  assert.equal(new Set(attempts.map((a) => a.idempotency_key)).size, 1)
  await sim.control('POST', '/_sim/faults', { next: ['503', '503', '503'] }, key)
  await assert.rejects(moment.paymentSessions.retrieve(session.id), (e) => e instanceof momentpay.ServerError && e.retryable && e.status === 503)
  // The default policy: the first attempt and 2 retries, then the error (no fault left over).
  const retrieves = (await sim.requests(key, `/collect/payment_sessions/${session.id}`)).slice(-3)
  assert.deepEqual(retrieves.map((a) => [a.status, a.retry_count]), [[503, 0], [503, 1], [503, 2]])
  await sim.control('POST', '/_sim/faults', { next: ['delay', 'delay'], delay_ms: 800 }, key)
  await assert.rejects(moment.paymentSessions.retrieve(session.id, { timeout: 100, maxRetries: 1 }), momentpay.APITimeoutError)
})

test('hundreds of concurrent calls on one client', async () => {
  const { moment } = client()
  const sessions = await Promise.all(Array.from({ length: 300 }, (_, i) => moment.paymentSessions.create({ amount: 100 + i, currency: 'ZAR' })))
  assert.equal(new Set(sessions.map((s) => s.id)).size, 300)
})

test('the event loop keeps running while a call waits', async () => {
  // Deterministic: the answer comes from a server on this process's own event loop, so the
  // call can only complete if it left the loop free while it waited (else it times out).
  const body = JSON.stringify({ id: 'ps_loop', amount: 1, currency: 'ZAR', status: 'active', type: 'one_time' })
  const server = createServer((request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' })
    response.end(body)
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  try {
    const moment = new Moment({ apiKey: 'sk_test_loop', baseUrl: `http://127.0.0.1:${server.address().port}`, maxRetries: 0 })
    const session = await moment.paymentSessions.retrieve('ps_loop', { timeout: 10_000 })
    assert.equal(session.id, 'ps_loop')
  } finally {
    server.close()
  }
})

test('an unknown outcome says it may have been applied and carries the key', async () => {
  const { moment, key } = client()
  await sim.control('POST', '/_sim/faults', { next: ['delay'], delay_ms: 1500 }, key)
  const params = { amount: 903, currency: 'ZAR', external_reference: 'unknown_node' }
  let used
  await assert.rejects(moment.paymentSessions.create(params, { timeout: 200, maxRetries: 1 }), (e) => {
    used = e.idempotencyKey
    return e instanceof momentpay.APITimeoutError && e.retryable && typeof used === 'string' && e.message.includes(used) && /may have been applied/.test(e.message)
  })
  const deadline = Date.now() + 15_000
  while ((await sim.control('GET', '/_sim/stats', undefined, key)).payment_sessions !== 1) {
    assert.ok(Date.now() < deadline, 'the first attempt never committed')
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  const again = await moment.paymentSessions.create(params, { idempotencyKey: used })
  assert.equal(again._idempotentReplayed, true)
  assert.equal((await sim.control('GET', '/_sim/stats', undefined, key)).payment_sessions, 1)
})

test('no secret in inspect or JSON.stringify', () => {
  const moment = new Moment({ apiKey: 'sk_test_SUPERSECRET', baseUrl: sim.baseUrl })
  assert.doesNotMatch(inspect(moment, { showHidden: true, depth: 5 }), /SUPERSECRET/)
  assert.doesNotMatch(JSON.stringify(moment), /SUPERSECRET/)
  const webhook = new momentpay.Webhook('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw')
  assert.doesNotMatch(inspect(webhook, { showHidden: true }), /MfKQ9r8G/)
  assert.doesNotMatch(JSON.stringify(webhook), /MfKQ9r8G/)
})

test('configuration from MOMENT_API_KEY and MOMENT_BASE_URL, from CommonJS too', () => {
  const script = "const { Moment } = require('momentpay'); const m = new Moment(); process.stdout.write(m.baseUrl)"
  const out = execFileSync(process.execPath, ['-e', script], { cwd: `${ROOT}/bindings-node`, env: { ...process.env, MOMENT_API_KEY: newKey(), MOMENT_BASE_URL: sim.baseUrl } })
  assert.equal(out.toString(), sim.baseUrl)
  const missing = "const { Moment, ConfigurationError } = require('momentpay'); try { new Moment() } catch (e) { process.stdout.write(String(e instanceof ConfigurationError) + ' ' + e.message) }"
  const env = { ...process.env }
  delete env.MOMENT_API_KEY
  const failure = execFileSync(process.execPath, ['-e', missing], { cwd: `${ROOT}/bindings-node`, env }).toString()
  assert.match(failure, /^true .*MOMENT_API_KEY/)
})

test('rate limits and idempotency conflicts reject with their classes', async () => {
  const { key, moment } = client()
  const session = await moment.paymentSessions.create({ amount: 100, currency: 'ZAR' }, { idempotencyKey: `${key}-same` })
  await sim.control('POST', '/_sim/faults', { next: ['429', '429', '429'], retry_after_seconds: 0 }, key)
  await assert.rejects(moment.paymentSessions.retrieve(session.id), (e) => e instanceof momentpay.RateLimitError && e.status === 429 && e.retryable && e.kind === 'rate_limited')
  // The same key with other parameters: Moment refuses it, and it is not retried.
  await assert.rejects(
    moment.paymentSessions.create({ amount: 200, currency: 'ZAR' }, { idempotencyKey: `${key}-same` }),
    (e) => e instanceof momentpay.IdempotencyError && e instanceof momentpay.ConflictError && e.status === 422 && e.code === 'idempotency-key-mismatch' && !e.retryable,
  )
})
