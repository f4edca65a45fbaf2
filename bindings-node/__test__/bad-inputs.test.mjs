// tests/vectors/bad_inputs.json through the Node binding: every malformed call rejects with
// ValidationError naming the field, and none reaches the network.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { NativeClient } from '../native.js'
import { Moment, ValidationError } from 'momentpay'
import { call } from '../dist/lib/call.js'
import { startSimulator, newKey, ROOT } from './helpers.mjs'

const corpus = JSON.parse(readFileSync(path.join(ROOT, 'tests', 'vectors', 'bad_inputs.json'), 'utf8'))
// The vectors name options as the core does (snake_case); Node's errors name them as Node
// spells them (camelCase), like every other message of the binding.
const camel = (name) => name.replace(/_([a-z])/g, (_, c) => c.toUpperCase())
// {"a": {"a": ...}} `depth` levels deep, built without recursion.
function nested(depth) {
  let value = {}
  for (let i = 1; i < depth; i++) value = { a: value }
  return value
}
const paramsOf = (c) => (c.nest ? { ...c.params, [c.nest.field]: nested(c.nest.depth) } : c.params)
let sim
before(async () => { sim = await startSimulator() })
after(() => sim.stop())

test('every bad call is refused before the network', async () => {
  const key = newKey()
  const native = new NativeClient({ apiKey: key, baseUrl: sim.baseUrl })
  assert.ok(corpus.cases.length >= 50)
  for (const c of corpus.cases) {
    const options = c.options ? { idempotencyKey: c.options.idempotency_key } : null
    // Through lib/call.js, the path every method takes (it bounds nesting before the addon).
    await assert.rejects(
      call(native, c.operation, c.id, paramsOf(c), options ?? undefined),
      (error) => {
        assert.ok(error instanceof ValidationError, `${c.name}: ${error}`)
        assert.equal(error.field, c.options && c.field in c.options ? camel(c.field) : c.field, c.name)
        return true
      },
    )
  }
  const { data } = await sim.control('GET', '/_sim/requests', undefined, key)
  assert.deepEqual(data, [])
})

test('a cyclic value is refused naming its field', async () => {
  const moment = new Moment({ apiKey: newKey(), baseUrl: sim.baseUrl })
  const loop = {}
  loop.again = loop
  await assert.rejects(moment.paymentSessions.create({ amount: 1, currency: 'ZAR', options: loop }), (e) => e instanceof ValidationError && e.field === 'options' && /nested deeper/.test(e.message))
})

test('bad client settings are refused', () => {
  for (const c of corpus.clients) {
    assert.throws(() => new Moment({ apiKey: c.api_key, baseUrl: c.base_url }), (error) => error instanceof ValidationError && error.field === camel(c.field), c.name)
  }
})

test('a live key goes only over https to a host that is not loopback, unless opted in', async () => {
  // Security review M5: a production key must never reach a local simulator by accident.
  const { ConfigurationError } = await import('momentpay')
  assert.throws(() => new Moment({ apiKey: 'sk_live_x', baseUrl: sim.baseUrl }), ConfigurationError)
  assert.throws(() => new Moment({ apiKey: 'sk_live_x', baseUrl: 'https://127.0.0.1:9' }), ConfigurationError)
  new Moment({ apiKey: 'sk_live_x', baseUrl: sim.baseUrl, allowLiveKeyAnywhere: true })
  new Moment({ apiKey: 'sk_live_x', baseUrl: 'https://proxy.shop.example' })
  const key = newKey()
  const moment = new Moment({ apiKey: key, baseUrl: sim.baseUrl })
  await assert.rejects(
    moment.paymentSessions.create({ amount: 100, currency: 'ZAR' }, { apiKey: 'sk_live_per_call' }),
    (error) => error instanceof ConfigurationError && !String(error).includes('sk_live_per_call'),
  )
  assert.deepEqual((await sim.control('GET', '/_sim/requests', undefined, key)).data, [])
})
