// One async client under load (run by benchmarks/load.py, one process per run):
//
//   node benchmarks/load_node.mjs burst <calls> <base_url>    calls creates in flight at once
//   node benchmarks/load_node.mjs outage <calls> <base_url>   the same while every call gets 503
//   node benchmarks/load_node.mjs peer <calls> <base_url>     the burst from fetch (the peer)
//
// Prints one JSON line, as benchmarks/load_python.py does.
import { randomUUID } from 'node:crypto'
import { readdirSync, readlinkSync } from 'node:fs'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const { Moment, MomentError } = require('../bindings-node')

const [mode, count, baseUrl] = [process.argv[2], Number(process.argv[3]), process.argv[4]]
const key = `sk_test_load_${randomUUID().replaceAll('-', '')}`

async function control(method, path, body) {
  const response = await fetch(baseUrl + path, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  return response.json()
}

function sockets() {
  let n = 0
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      if (readlinkSync(`/proc/self/fd/${fd}`).startsWith('socket:')) n++
    } catch {}
  }
  return n
}

if (mode === 'outage') await control('POST', '/_sim/faults', { rate: 1.0, kinds: ['503'] })
let peak = 0
const sampler = setInterval(() => { peak = Math.max(peak, sockets()) }, 10)
const moment = new Moment({ apiKey: key, baseUrl })
const latencies = []
let failed = 0
let untyped = 0
// The peer: the same creates with fetch, the same headers momentpay sends (a key per call).
async function peerCreate(i) {
  const response = await fetch(`${baseUrl}/collect/payment_sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}`, 'idempotency-key': randomUUID() },
    body: JSON.stringify({ amount: 100 + (i % 1000), currency: 'ZAR', external_reference: `load-${i}` }),
  })
  const body = await response.json()
  if (!response.ok) throw new Error(`HTTP ${response.status}: ${body.title}`)
}
const cpuBefore = process.cpuUsage()
const started = performance.now()
await Promise.all(Array.from({ length: count }, async (_, i) => {
  const t0 = performance.now()
  try {
    if (mode === 'peer') await peerCreate(i)
    else await moment.paymentSessions.create({ amount: 100 + (i % 1000), currency: 'ZAR', external_reference: `load-${i}` })
  } catch (error) {
    failed++
    if (mode !== 'peer' && !(error instanceof MomentError)) untyped++
  }
  latencies.push(performance.now() - t0)
}))
const wall = (performance.now() - started) / 1000
const cpu = process.cpuUsage(cpuBefore)
peak = Math.max(peak, sockets())
clearInterval(sampler)
latencies.sort((a, b) => a - b)
const stats = await control('GET', '/_sim/stats')
const result = {
  load: 'node', mode, calls: count, ok: count - failed, failed, untyped,
  sessions: stats.payment_sessions, duplicates: stats.duplicated_external_references.length,
  p50_ms: latencies[Math.floor(latencies.length / 2)], p99_ms: latencies[Math.floor(latencies.length * 0.99) - 1],
  wall_s: wall, peak_sockets: peak, peak_rss_mb: process.resourceUsage().maxRSS / 1024,
  client: mode === 'peer' ? 'fetch' : 'momentpay', cpu_ms: (cpu.user + cpu.system) / 1000,
}
if (mode === 'outage') {
  result.requests = (await control('GET', '/_sim/requests')).data.filter((e) => e.path === '/collect/payment_sessions').length
}
console.log(JSON.stringify(result))
