// Client CPU per API call in Node: momentpay (native addon) against the built-in `fetch`,
// each retrieving one payment session from the simulator on loopback and parsing the JSON.
// One implementation per process (for peak RSS).
//
//   node api_node.mjs <momentpay|fetch> <sequential|concurrent> <calls> <base_url> <api_key> <session_id>
//
// `concurrent` keeps 64 calls in flight. Prints one JSON line: CPU (user+sys of the process,
// every thread) and wall time per call, peak RSS.
import { Moment } from '../bindings-node/dist/index.mjs'

const IN_FLIGHT = 64
const [name, mode, callsText, baseUrl, apiKey, sessionId] = process.argv.slice(2)
const calls = Number(callsText)
const concurrent = mode === 'concurrent'

let call
if (name === 'momentpay') {
  const moment = new Moment({ apiKey, baseUrl })
  call = async () => (await moment.paymentSessions.retrieve(sessionId)).id
} else {
  const url = `${baseUrl}/collect/payment_sessions/${sessionId}`
  const headers = { authorization: `Bearer ${apiKey}` }
  call = async () => {
    const response = await fetch(url, { headers })
    if (!response.ok) throw new Error(`HTTP ${response.status}`)
    return (await response.json()).id
  }
}

async function run (n) {
  if (!concurrent) {
    for (let i = 0; i < n; i++) {
      if (await call() !== sessionId) throw new Error('wrong session')
    }
    return
  }
  let remaining = n
  await Promise.all(Array.from({ length: IN_FLIGHT }, async () => {
    while (remaining-- > 0) {
      if (await call() !== sessionId) throw new Error('wrong session')
    }
  }))
}

await run(Math.floor(calls / 10) + IN_FLIGHT)
const cpu = process.cpuUsage()
const wall = process.hrtime.bigint()
await run(calls)
const used = process.cpuUsage(cpu)
const elapsed = Number(process.hrtime.bigint() - wall) / 1000
console.log(JSON.stringify({
  lang: 'node',
  impl: name,
  mode,
  calls,
  cpu_us_per_call: (used.user + used.system) / calls,
  wall_us_per_call: elapsed / calls,
  peak_rss_mb: process.resourceUsage().maxRSS * 1024 / 1e6,
}))
