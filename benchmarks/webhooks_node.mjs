// Webhook verify + parse in Node: momentpay's native Webhook and its addon-free EdgeWebhook
// against the npm `standardwebhooks` package, each given the headers object node:http really
// passes (captured from a real request). One JSON line per measurement.
import http from 'node:http'
import { once } from 'node:events'
import { createRequire } from 'node:module'
import { Webhook, EdgeWebhook } from '../bindings-node/dist/index.mjs'

// The peer is a dev dependency of bindings-node: resolve it from there.
const { Webhook: ReferenceWebhook } = createRequire(new URL('../bindings-node/package.json', import.meta.url))('standardwebhooks')

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'
const iterations = Number(process.argv[2] ?? 20000)

function eventBody(size) {
  const metadata = {}
  for (let i = 0; ; i++) {
    const body = JSON.stringify({ id: 'evt_2341234567890abcdef12345', type: 'payment_session.completed', data: {
      id: 'ps_eLtQXMBUErQF5i', type: 'first_in_series', status: 'completed', payment_outcome: 'paid', amount: 5000,
      currency: 'ZAR', customer_id: 'cus_J17pnG25nuvKu', payment_method_id: 'pmt_izWG6Vcvy4VYiU',
      payment_id: 'pay_87C7PAP35KcdpzAgckBvB', metadata } })
    if (body.length + 40 >= size) return body
    metadata[`k${i}`] = 'v'.repeat(20)
  }
}

// Awaits only what returns a promise (EdgeWebhook's WebCrypto); a sync verifier is timed
// without a microtask tick per call.
async function median(fn, calls) {
  const runs = []
  for (let r = 0; r < 7; r++) {
    const start = process.hrtime.bigint()
    for (let i = 0; i < calls; i++) {
      const result = fn()
      if (result !== null && typeof result === 'object' && typeof result.then === 'function') await result
    }
    runs.push(Number(process.hrtime.bigint() - start) / calls)
  }
  runs.sort((a, b) => a - b)
  return runs[3]
}

/**
 * The headers object node:http (and so Express, which hands over the same `req.headers`)
 * really builds for a delivery: one real request over loopback, with the headers a
 * webhook sender and a proxy add, captured as the server saw it.
 */
async function receivedHeaders(signed) {
  let captured
  const server = http.createServer((req, res) => {
    captured = req.headers
    req.resume()
    res.end()
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const request = http.request({
    port: server.address().port,
    method: 'POST',
    path: '/webhooks/moment',
    headers: {
      'content-type': 'application/json',
      'user-agent': 'Moment-Webhooks/1.0',
      accept: '*/*',
      'accept-encoding': 'gzip, deflate, br',
      'x-forwarded-for': '203.0.113.7',
      'x-forwarded-proto': 'https',
      'x-request-id': 'req_4f1b2c3d',
      ...signed,
    },
  })
  request.end('{}')
  const [response] = await once(request, 'response')
  response.resume()
  await once(response, 'end')
  server.close()
  return captured
}

const ours = new Webhook(SECRET)
const edge = new EdgeWebhook(SECRET)
const reference = new ReferenceWebhook(SECRET)
for (const size of [512, 16 * 1024, 64 * 1024]) {
  // The same bytes hashed per size: fewer calls for larger bodies (at least 200).
  const calls = Math.max(200, Math.floor((iterations * 512) / size))
  const text = eventBody(size)
  const body = Buffer.from(text)
  const now = Math.floor(Date.now() / 1000)
  const headers = await receivedHeaders(ours.signHeaders('msg_bench', now, body))
  const results = {
    'momentpay native verify (typed id + type, data on access)': await median(() => ours.verify(body, headers), calls),
    'momentpay native verify + event.data (parsed)': await median(() => ours.verify(body, headers).data, calls),
    'momentpay/edge, no addon (WebCrypto, verify + JSON.parse)': await median(() => edge.verify(text, headers), calls),
    'standardwebhooks (npm, verify + JSON.parse)': await median(() => reference.verify(text, headers), calls),
  }
  for (const [name, ns] of Object.entries(results)) console.log(JSON.stringify({ lang: 'node', impl: name, size, ns_per_op: ns }))
}
