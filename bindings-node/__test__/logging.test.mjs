// Issue 28, item 7: MOMENTPAY_LOG=debug prints the core's events to stderr, one line per
// attempt with method, path, status and request id, a retry's reason and delay, and never
// the API key. Run in a child process: the setting is read once per process.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import path from 'node:path'
import { startSimulator, newKey, ROOT } from './helpers.mjs'

let sim
before(async () => { sim = await startSimulator() })
after(() => sim.stop())

const script = `
const { Moment } = require(${JSON.stringify(path.join(ROOT, 'bindings-node', 'dist', 'index.js'))})
const moment = new Moment({ apiKey: process.env.KEY, baseUrl: process.env.BASE_URL })
moment.paymentSessions.create({ amount: 100, currency: 'ZAR' }).then((s) => console.log(s.status))
`

async function run(env) {
  return promisify(execFile)(process.execPath, ['-e', script], { env: { ...process.env, ...env } })
}

test('MOMENTPAY_LOG=debug prints one line per attempt, and the retry says why', async () => {
  const key = newKey()
  await sim.control('POST', '/_sim/faults', { next: ['503'] }, key)
  const { stdout, stderr } = await run({ KEY: key, BASE_URL: sim.baseUrl, MOMENTPAY_LOG: 'debug' })
  assert.equal(stdout.trim(), 'active')
  const lines = stderr.split('\n').filter(Boolean)
  const retry = lines.filter((line) => line.includes('retrying'))
  const answered = lines.filter((line) => line.includes('answered'))
  assert.equal(retry.length, 1, stderr)
  assert.equal(answered.length, 1, stderr)
  for (const part of ['INFO', 'method=POST', 'path=/collect/payment_sessions', 'status=503', 'attempt=1', 'delay_ms=']) {
    assert.ok(retry[0].includes(part), `${part} in ${retry[0]}`)
  }
  assert.ok(answered[0].includes('status=201') && answered[0].includes('request_id=req_'), answered[0])
  assert.ok(!stderr.includes(key), 'the key never appears')
})

test('without MOMENTPAY_LOG nothing is printed', async () => {
  const { stderr } = await run({ KEY: newKey(), BASE_URL: sim.baseUrl, MOMENTPAY_LOG: '' })
  assert.equal(stderr, '')
})
