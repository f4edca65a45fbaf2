// The fault soak, short form: 200 creates, 64 in flight, with 30% of requests failing
// (500, 503, 429, dropped connections, lost responses, slow responses) make exactly 200
// sessions; half the calls bring their own idempotency key.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { Moment } from 'momentpay'
import { startSimulator, newKey } from './helpers.mjs'

const CALLS = 200
let sim
before(async () => { sim = await startSimulator() })
after(() => sim.stop())

test('200 creates under 30% faults make exactly 200 sessions', async () => {
  const key = newKey()
  const moment = new Moment({ apiKey: key, baseUrl: sim.baseUrl, timeout: 400, maxRetries: 12 })
  await sim.control('POST', '/_sim/faults', { rate: 0.3, delay_ms: 600, retry_after_seconds: 1, seed: 11 }, key)
  const sessions = []
  let next = 0
  // 64 in flight, as the soak runner: 200 at once on a loaded machine would test the
  // machine's scheduler against 400 ms timeouts more than the client.
  const worker = async () => {
    while (next < CALLS) {
      const i = next++
      sessions[i] = await moment.paymentSessions.create(
        { amount: 100 + i, currency: 'ZAR', external_reference: `n_${i}` },
        i % 2 === 0 ? { idempotencyKey: `n-${i}` } : undefined,
      )
    }
  }
  try {
    await Promise.all(Array.from({ length: 64 }, worker))
  } finally {
    await sim.control('POST', '/_sim/faults', { rate: 0 }, key)
  }
  assert.equal(new Set(sessions.map((s) => s.id)).size, CALLS)
  const stats = await (await fetch(`${sim.baseUrl}/_sim/stats`, { headers: { authorization: `Bearer ${key}` } })).json()
  assert.equal(stats.payment_sessions, CALLS)
  assert.deepEqual(stats.duplicated_external_references, [])
  const { data } = await sim.control('GET', '/_sim/requests', undefined, key)
  assert.ok(data.filter((r) => r.fault).length > CALLS * 0.15)
})
