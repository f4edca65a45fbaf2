// Resident memory across the FFI from Node: N webhook verifies, then M failed API calls
// (404s from the simulator). RSS is read after a warm-up (the first third) and at the end,
// after a full GC; flat means within 10%. The JS heap in use is read at the same points.
// Run it with V8's young generation fixed at its largest (the flags below): by default V8
// doubles its semi-spaces in steps under allocation pressure, up to 2 x 16 MB, and over
// 360,000 failed calls RSS climbed 64 -> 90 MB in steps that matched heapTotal (6 -> 37 MB)
// while the heap in use stayed 3.6-3.7 MB. With the nursery fixed, RSS went 88.6 -> 91.3 MB
// over 210,000 calls (0.7% after the first 60,000): V8's sizing, not a leak.
// One JSON line per phase.
//
//   node --expose-gc --min-semi-space-size=16 --max-semi-space-size=16 \
//     benchmarks/memory_node.mjs [verifies] [failed_calls]
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { createInterface } from 'node:readline'
import { randomUUID } from 'node:crypto'
import * as momentpay from '../bindings-node/dist/index.mjs'

const gc = globalThis.gc ?? (() => {})
const rssMb = () => process.memoryUsage().rss / (1 << 20)
const heapUsedMb = () => process.memoryUsage().heapUsed / (1 << 20)

async function measure(name, total, step) {
  const warm = Math.max(1, Math.floor(total / 3))
  for (let i = 0; i < warm; i++) await step(i)
  gc()
  const before = rssMb()
  const heapBefore = heapUsedMb()
  const started = performance.now()
  for (let i = warm; i < total; i++) await step(i)
  gc()
  const after = rssMb()
  console.log(JSON.stringify({
    lang: 'node', impl: name, count: total,
    rss_after_warmup_mb: +before.toFixed(1), rss_end_mb: +after.toFixed(1),
    growth_pct: +(((after - before) / before) * 100).toFixed(2),
    heap_used_after_warmup_mb: +heapBefore.toFixed(1), heap_used_end_mb: +heapUsedMb().toFixed(1),
    seconds: +((performance.now() - started) / 1000).toFixed(1),
  }))
}

const verifies = Number(process.argv[2] ?? 1_000_000)
const failed = Number(process.argv[3] ?? 100_000)
const webhook = new momentpay.Webhook('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw')
const body = Buffer.from(JSON.stringify({ id: 'evt_1', type: 'payment.failed', data: { id: 'pay_1', status: 'failed', amount: 300, currency: 'ZAR', metadata: { order: 'x'.repeat(300) } } }))
const headers = webhook.signHeaders('msg_1', 1_700_000_000, body)
await measure('webhook verify (and event.data)', verifies, () => webhook.verify(body, headers, { now: 1_700_000_000 }).data)

const binary = process.env.MOMENTPAY_SIM_BIN ?? 'target/release/momentpay-sim'
const sim = spawn(binary, ['serve', '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] })
const [first] = await once(createInterface({ input: sim.stdout }), 'line')
const moment = new momentpay.Moment({ apiKey: `sk_test_${randomUUID().replaceAll('-', '')}`, baseUrl: first.split('=')[1], maxRetries: 0 })
try {
  await measure('failed API call (404, NotFoundError)', failed, async (i) => {
    try {
      await moment.paymentSessions.retrieve(`ps_missing${i}`)
    } catch (error) {
      if (error instanceof momentpay.NotFoundError) return
      throw error
    }
    throw new Error('expected a 404')
  })
} finally {
  sim.kill()
}
