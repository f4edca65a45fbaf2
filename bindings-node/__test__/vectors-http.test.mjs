// tests/vectors/problems.json and payloads.json through Node, as the core runs them in Rust
// (core/tests/vectors.rs): each problem answered by a loopback server must reject with its
// error class and the same kind, code, retryability, status, request ID, detail and field;
// each payload answered to the operation that returns that model (or signed as a webhook)
// must read back the expected fields. The simulator cannot be made to answer arbitrary
// documents, hence the canned server.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { createServer } from 'node:http'
import { once } from 'node:events'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import * as momentpay from 'momentpay'
import { ROOT } from './helpers.mjs'

const vectors = (name) => JSON.parse(readFileSync(path.join(ROOT, 'tests', 'vectors', name), 'utf8'))
const problems = vectors('problems.json').cases
const payloads = vectors('payloads.json')

// Each error kind's class: exactly this class, not only a base of it.
const CLASSES = {
  not_found: momentpay.NotFoundError,
  conflict: momentpay.ConflictError,
  idempotency_conflict: momentpay.IdempotencyError,
  invalid_request: momentpay.InvalidRequestError,
  authentication: momentpay.AuthenticationError,
  permission_denied: momentpay.PermissionDeniedError,
  rate_limited: momentpay.RateLimitError,
  server: momentpay.ServerError,
  request_failed: momentpay.RequestFailedError,
}

// The operation that answers each model, called with the ID "x".
const READS = {
  payment_session: (m) => m.paymentSessions.retrieve('x'),
  payment: (m) => m.payments.retrieve('x'),
  payment_request: (m) => m.paymentRequests.retrieve('x'),
  payment_page: (m) => m.paymentPages.retrieve('x'),
  payment_page_transaction: async (m) => (await m.paymentPages.listTransactions('x')).data[0],
  billing_customer: (m) => m.billing.customers.retrieve('x'),
  billing_account: (m) => m.billing.accounts.retrieve('x'),
  bill: (m) => m.billing.bills.retrieve('x'),
}

let server
let answer = { status: 500, body: '{}' }
let moment
before(async () => {
  server = createServer((request, response) => {
    response.writeHead(answer.status, { 'content-type': 'application/json', 'x-request-id': 'req_test' })
    response.end(answer.body)
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  moment = new momentpay.Moment({ apiKey: 'sk_test_vectors', baseUrl: `http://127.0.0.1:${server.address().port}`, maxRetries: 0 })
})
after(() => server.close())

const at = (value, dotted) => dotted.split('.').reduce((v, key) => (Array.isArray(v) ? v[Number(key)] : v?.[key]), value)

for (const vector of problems) {
  test(`problem: ${vector.name}`, async () => {
    answer = { status: vector.status, body: typeof vector.body === 'string' ? vector.body : JSON.stringify(vector.body) }
    const error = await moment.paymentSessions.retrieve('ps_vector').then(() => null, (e) => e)
    const expect = vector.expect
    assert.ok(error instanceof momentpay.APIError, String(error))
    assert.equal(error.constructor, CLASSES[expect.kind], `${vector.name}: ${error.constructor.name}`)
    assert.equal(error.kind, expect.kind)
    assert.equal(error.code, expect.code)
    assert.equal(error.retryable, expect.retryable)
    assert.equal(error.status, vector.status)
    assert.equal(error.requestId, 'req_test')
    if ('detail' in expect) assert.equal(error.detail, expect.detail)
    if ('field' in expect) assert.equal(error.field, expect.field)
    if ('extra.payment_id' in expect) assert.equal(error.problem?.payment_id, expect['extra.payment_id'])
  })
}

for (const vector of payloads.objects) {
  test(`payload: ${vector.name}`, async () => {
    assert.ok(READS[vector.model], `no operation answers ${vector.model}: add it to READS`)
    const body = vector.model === 'payment_page_transaction' ? { data: [vector.json], has_more: false } : vector.json
    answer = { status: 200, body: JSON.stringify(body) }
    const model = await READS[vector.model](moment)
    for (const [dotted, want] of Object.entries(vector.expect)) {
      assert.deepEqual(at(model, dotted), want, `${vector.name}: ${dotted} in ${JSON.stringify(model)}`)
    }
  })
}

for (const vector of payloads.events) {
  test(`event: ${vector.name}`, () => {
    const webhook = new momentpay.Webhook(momentpay.Webhook.generateSecret())
    const body = JSON.stringify(vector.json)
    const event = webhook.verify(body, webhook.signHeaders('msg_vector', 1_700_000_000, body), { now: 1_700_000_000 })
    assert.equal(event.type, vector.expect_type)
    for (const [dotted, want] of Object.entries(vector.expect)) {
      assert.deepEqual(at(event, dotted), want, `${vector.name}: ${dotted} in ${JSON.stringify(event)}`)
    }
  })
}
