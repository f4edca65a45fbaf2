// Resource bounds from Node: a response over the client's limit, a webhook body over the
// verifier's limit (native and addon-free) and a body over the simulator's limit are typed
// errors; a value nested 10,000 deep is a ValidationError (also in bad_inputs.json).
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { createServer } from 'node:http'
import * as momentpay from 'momentpay'
import { EdgeWebhook } from 'momentpay/edge'
import { startSimulator, newKey } from './helpers.mjs'

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'
let sim
before(async () => { sim = await startSimulator() })
after(() => sim.stop())

test('a response over the limit is a decode error', async () => {
  const server = createServer((request, response) => {
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': String(17 << 20) })
    const chunk = Buffer.alloc(65536, 0x20)
    let sent = 0
    const pump = () => {
      while (sent < 17 * 16) {
        sent++
        if (!response.write(chunk)) return response.once('drain', pump)
      }
      response.end()
    }
    response.on('error', () => {})
    pump()
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  try {
    const moment = new momentpay.Moment({ apiKey: 'sk_test_bounds', baseUrl: `http://127.0.0.1:${server.address().port}`, maxRetries: 0 })
    await assert.rejects(moment.paymentSessions.retrieve('ps_big'), (e) => e instanceof momentpay.DecodeError && /16777216-byte limit/.test(e.message))
  } finally {
    server.closeAllConnections()
    server.close()
  }
})

test('a webhook body over the limit is refused before its signature, native and edge', async () => {
  const body = Buffer.alloc((1 << 20) + 1, 0x20)
  const webhook = new momentpay.Webhook(SECRET)
  const headers = webhook.signHeaders('msg_1', 1_700_000_000, body)
  assert.throws(() => webhook.verify(body, headers, { now: 1_700_000_000 }), (e) => e instanceof momentpay.WebhookPayloadError && /refused before its signature/.test(e.message))
  await assert.rejects(new EdgeWebhook(SECRET).verify(body, headers, { now: 1_700_000_000 }), (e) => e.name === 'WebhookPayloadError' && /refused before its signature/.test(e.message))
})

test('the simulator refuses an oversized body with 413', async () => {
  const moment = new momentpay.Moment({ apiKey: newKey(), baseUrl: sim.baseUrl })
  await assert.rejects(moment.paymentSessions.create({ amount: 100, currency: 'ZAR' }, { extraBody: { pad: 'x'.repeat(1 << 20) } }), (e) => e instanceof momentpay.InvalidRequestError && e.status === 413)
})

test('wrong webhook arguments are ValidationErrors naming them', () => {
  const webhook = new momentpay.Webhook(SECRET)
  assert.throws(() => webhook.verify({ parsed: true }, {}), (e) => e instanceof momentpay.ValidationError && e.field === 'body')
  assert.throws(() => webhook.verify('{}', 42), (e) => e instanceof momentpay.ValidationError && e.field === 'headers')
})

test('client options nested 100,000 deep or cyclic are a ValidationError, not a crash', () => {
  // Security review L16: the constructor skipped the nesting check calls get.
  let deep = {}
  for (let i = 0; i < 100000; i++) deep = { a: deep }
  assert.throws(() => new momentpay.Moment({ apiKey: 'sk_test_x', baseUrl: 'http://127.0.0.1:9', timeout: deep }), momentpay.ValidationError)
  const cyclic = {}
  cyclic.again = cyclic
  assert.throws(() => new momentpay.Moment({ apiKey: 'sk_test_x', baseUrl: 'http://127.0.0.1:9', userAgent: cyclic }), momentpay.ValidationError)
})
