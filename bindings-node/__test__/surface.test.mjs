// The generated Node surface: options checked by the core in camelCase (milliseconds), an
// AbortSignal per call, response metadata, closed request fields, argument errors in JS words.
import { test, before, after, afterEach } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import * as momentpay from 'momentpay'
import { startSimulator, newKey, ROOT } from './helpers.mjs'

const { Moment, Webhook } = momentpay
let sim
before(async () => { sim = await startSimulator() })
after(() => sim.stop())
// Faults set without a key apply to every merchant: none may outlive its test.
afterEach(() => sim.control('DELETE', '/_sim/faults'))

test('option names are checked in camelCase, durations in milliseconds', async () => {
  assert.throws(() => new Moment({ api_key: newKey(), baseUrl: sim.baseUrl }), (e) => e instanceof momentpay.ValidationError && e.field === 'api_key' && /did you mean apiKey\?/.test(e.message))
  assert.throws(() => new Moment({ apiKey: newKey(), baseUrl: sim.baseUrl, allowInsecureHttp: 'yes' }), (e) => e.field === 'allowInsecureHttp' && /true or false/.test(e.message))
  const moment = new Moment({ apiKey: newKey(), baseUrl: sim.baseUrl })
  await assert.rejects(moment.paymentSessions.create({ amount: 100, currency: 'ZAR' }, { idempotency_key: 'k' }), (e) => e instanceof momentpay.ValidationError && /did you mean idempotencyKey\?/.test(e.message))
  await assert.rejects(moment.paymentSessions.create({ amount: 100, currency: 'ZAR' }, { timeout: -5 }), (e) => e.field === 'timeout' && /milliseconds/.test(e.message))
  await assert.rejects(moment.paymentSessions.create({ amount: 100, currency: 'ZAR', options: { checkout_option: {} } }), (e) => e.field === 'options.checkout_option' && /did you mean checkout_options\?/.test(e.message))
})

test('responses carry their request ID and replay flag, not enumerable', async () => {
  const moment = new Moment({ apiKey: newKey(), baseUrl: sim.baseUrl })
  const first = await moment.paymentSessions.create({ amount: 100, currency: 'ZAR' }, { idempotencyKey: 'replay-me' })
  const again = await moment.paymentSessions.create({ amount: 100, currency: 'ZAR' }, { idempotencyKey: 'replay-me' })
  assert.equal(again.id, first.id)
  assert.ok(first._requestId && again._requestId && first._requestId !== again._requestId)
  assert.equal(first._idempotentReplayed, false)
  assert.equal(again._idempotentReplayed, true)
  assert.ok(!Object.keys(first).includes('_requestId'))
  assert.ok(!JSON.stringify(first).includes('_requestId'))
})

test('an AbortSignal cancels a call, and the error carries the idempotency key', async () => {
  const key = newKey()
  const moment = new Moment({ apiKey: key, baseUrl: sim.baseUrl, maxRetries: 0 })
  const early = new AbortController()
  early.abort()
  await assert.rejects(moment.paymentSessions.create({ amount: 100, currency: 'ZAR' }, { signal: early.signal }), momentpay.APIUserAbortError)
  assert.deepEqual(await sim.requests(key, '/collect/payment_sessions'), [], 'an aborted signal sends nothing')
  // The next request waits 3 s on the server; abort it once the server has it.
  await sim.control('POST', '/_sim/faults', { next: ['delay'], delay_ms: 3000 }, key)
  const controller = new AbortController()
  const call = moment.paymentSessions.create({ amount: 100, currency: 'ZAR', external_reference: 'abort-me' }, { signal: controller.signal })
  // The simulator logs a request when it has answered it, so the abort comes after a second
  // (the request is held for 3 s), and the log is read after it finishes there.
  await new Promise((r) => setTimeout(r, 1000))
  controller.abort()
  const error = await call.then(() => null, (e) => e)
  assert.ok(error instanceof momentpay.APIUserAbortError, String(error))
  assert.ok(error instanceof momentpay.APIConnectionError)
  assert.match(error.idempotencyKey, /^[0-9a-f-]{36}$/)
  let logged = []
  for (let i = 0; i < 500 && logged.length === 0; i++) {
    await new Promise((r) => setTimeout(r, 10))
    logged = await sim.requests(key, '/collect/payment_sessions')
  }
  assert.deepEqual(logged.map((r) => r.idempotency_key), [error.idempotencyKey], 'the aborted request reached the server, with the key the error carries')
  // Repeating with that key answers the first attempt's session: one session, never two.
  await sim.control('DELETE', '/_sim/faults', undefined, key)
  const repeat = await moment.paymentSessions.create({ amount: 100, currency: 'ZAR', external_reference: 'abort-me' }, { idempotencyKey: error.idempotencyKey, maxRetries: 5 })
  const again = await moment.paymentSessions.create({ amount: 100, currency: 'ZAR', external_reference: 'abort-me' }, { idempotencyKey: error.idempotencyKey, maxRetries: 5 })
  assert.equal(repeat.id, again.id)
  assert.equal(repeat._idempotentReplayed, true, 'the repeat is answered from the first attempt')
  const { payment_sessions: count } = await sim.control('GET', '/_sim/stats', undefined, key)
  assert.equal(count, 1)
  await assert.rejects(moment.paymentSessions.create({ amount: 1, currency: 'ZAR' }, { signal: 'soon' }), (e) => e instanceof momentpay.ValidationError && e.field === 'signal')
})

test('argument errors are momentpay errors in JS words, naming the argument', () => {
  assert.throws(() => new Webhook(undefined), (e) => e instanceof momentpay.ValidationError && e.field === 'secret' && !/napi|rust type|convert/i.test(e.message))
  assert.throws(() => new Webhook(42), (e) => e.field === 'secret')
  const secret = Webhook.generateSecret()
  assert.throws(() => new Webhook(secret, { toleranceSeconds: 'soon' }), (e) => e instanceof momentpay.ValidationError && e.field === 'toleranceSeconds')
  assert.throws(() => new Webhook(secret, { additionalSecrets: 'x' }), (e) => e.field === 'additionalSecrets')
})

test('tsc --strict: events narrow by type, the union stays open, misspelt fields are errors', () => {
  const here = path.dirname(fileURLToPath(import.meta.url))
  const tsc = path.join(ROOT, 'bindings-node', 'node_modules', 'typescript', 'bin', 'tsc')
  const base = ['--noEmit', '--strict', '--noUncheckedIndexedAccess', '--exactOptionalPropertyTypes', '--target', 'ES2022', '--module', 'node16', '--moduleResolution', 'node16', '--types', 'node', '--skipLibCheck', 'false']
  const cwd = path.join(ROOT, 'bindings-node')
  execFileSync(process.execPath, [tsc, ...base, path.join(here, 'typing', 'good.ts'), path.join(here, 'typing', 'testing.ts')], { encoding: 'utf8', cwd })
  let output = ''
  try {
    execFileSync(process.execPath, [tsc, ...base, path.join(here, 'typing', 'misspelt.ts')], { encoding: 'utf8', cwd })
  } catch (error) {
    output = String(error.stdout)
  }
  const lines = readFileSync(path.join(here, 'typing', 'misspelt.ts'), 'utf8').split('\n')
  const expected = lines.flatMap((line, i) => (line.includes('// error:') ? [i + 1] : []))
  const reported = new Set([...output.matchAll(/misspelt\.ts\((\d+),\d+\): error/g)].map((m) => Number(m[1])))
  assert.ok(expected.length > 0)
  for (const line of expected) assert.ok(reported.has(line), `line ${line} must be a type error:\n${output}`)
})
