// The fault soak's Node runner: creates payment sessions through momentpay with Promise.all
// (`concurrency` workers, each awaiting its calls in turn) and prints every call's outcome as
// one JSON document (soak.py counts them).
//
//   node runner_node.mjs <base_url> <api_key> <calls> <concurrency> <prefix>
//
// Even-numbered calls bring their own idempotency key; odd ones let the SDK make one.
import { Moment, MomentError } from '../bindings-node/dist/index.mjs'

const DEADLINE_MS = 120_000
const [baseUrl, apiKey, callsText, concurrencyText, prefix] = process.argv.slice(2)
const calls = Number(callsText)
const concurrency = Number(concurrencyText)
const moment = new Moment({ apiKey, baseUrl, timeout: 400, maxRetries: Number(process.env.SOAK_MAX_RETRIES ?? 12) })

const HANG = Symbol('hang')
function deadline () {
  let timer
  const promise = new Promise((resolve) => { timer = setTimeout(() => resolve(HANG), DEADLINE_MS) })
  return { promise, cancel: () => clearTimeout(timer) }
}

async function create (i) {
  const ref = `${prefix}_${i}`
  const limit = deadline()
  try {
    const session = await Promise.race([
      moment.paymentSessions.create(
        { amount: 100 + i, currency: 'ZAR', external_reference: ref },
        i % 2 === 0 ? { idempotencyKey: `${prefix}-key-${i}` } : undefined,
      ),
      limit.promise,
    ])
    return session === HANG ? { ref, error: 'hang' } : { ref, id: session.id }
  } catch (error) {
    return error instanceof MomentError
      ? { ref, error: 'typed', kind: error.kind, unknown: error.outcomeUnknown, key: error.idempotencyKey }
      : { ref, error: 'untyped', kind: String(error) }
  } finally {
    limit.cancel()
  }
}

const results = new Array(calls)
let next = 0
await Promise.all(Array.from({ length: concurrency }, async () => {
  while (next < calls) {
    const i = next++
    results[i] = await create(i)
  }
}))
process.stdout.write(JSON.stringify({ results }) + '\n')
