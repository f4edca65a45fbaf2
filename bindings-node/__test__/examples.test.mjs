// examples/node against the simulator: the scripts as a user runs them, the TypeScript
// example compiled with tsc --strict, and the Express receiver behind a real server.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { once } from 'node:events'
import path from 'node:path'
import { Moment } from 'momentpay'
import { startSimulator, newKey, ROOT } from './helpers.mjs'

const run = promisify(execFile)
const EXAMPLES = path.join(ROOT, 'examples', 'node')
let sim
before(async () => { sim = await startSimulator() })
after(() => sim.stop())

function env(key) {
  return { ...process.env, MOMENT_API_KEY: key, MOMENT_BASE_URL: sim.baseUrl, MOMENT_SIM_URL: sim.baseUrl }
}

test('recurring quickstart', async () => {
  const { stdout } = await run(process.execPath, [path.join(EXAMPLES, 'recurring_quickstart.mjs')], { env: env(newKey()), timeout: 120_000 })
  assert.match(stdout, /Verified payment_session.completed/)
  assert.equal(stdout.match(/: paid/g)?.length, 3)
})

test('capture flow (TypeScript, compiled with tsc --strict)', async () => {
  const tsc = path.join(EXAMPLES, 'node_modules', '.bin', 'tsc')
  await run(tsc, ['-p', path.join(EXAMPLES, 'tsconfig.json')], { cwd: EXAMPLES })
  const { stdout } = await run(process.execPath, [path.join(EXAMPLES, 'dist', 'capture_flow.js')], { env: env(newKey()), timeout: 60_000 })
  assert.match(stdout, /refused: The capture amount exceeds the remaining authorised amount\./)
  assert.match(stdout, /voided 100000; paid 200000 of 300000/)
})

// A receiver example, served by `serve(secret, handled)` (answering its URL and a stop
// function): the simulator's three webhooks of a paid session arrive verified and in order,
// and a forged delivery (sent as `contentType`) is refused with 400.
async function checkReceiver(serve, contentType) {
  const key = newKey()
  const { Webhook } = await import('momentpay')
  const secret = Webhook.generateSecret()
  const handled = []
  const { url, stop } = await serve(secret, handled)
  try {
    await sim.control('POST', '/_sim/webhook_endpoints', { url, secret }, key)
    const moment = new Moment({ apiKey: key, baseUrl: sim.baseUrl })
    const session = await moment.paymentSessions.create({ amount: 1234, currency: 'ZAR' })
    await sim.control('POST', `/_sim/payment_sessions/${session.id}/complete`, {})
    const deadline = Date.now() + 10_000
    while (handled.length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20))
    assert.deepEqual(handled.map((e) => e.type), ['payment_session.created', 'payment.succeeded', 'payment_session.completed'])
    const forged = await fetch(url, { method: 'POST', headers: { 'content-type': contentType, 'webhook-id': 'm', 'webhook-timestamp': String(Math.floor(Date.now() / 1000)), 'webhook-signature': 'v1,AAAA' }, body: '{}' })
    assert.equal(forged.status, 400)
  } finally {
    await stop()
  }
}

test('Express receiver with express.raw', async () => {
  const { createApp } = await import(path.join(EXAMPLES, 'express_webhooks.mjs'))
  await checkReceiver(async (secret, handled) => {
    const server = createApp(secret, handled).listen(0, '127.0.0.1')
    await once(server, 'listening')
    return { url: `http://127.0.0.1:${server.address().port}/webhooks`, stop: async () => server.close() }
  }, 'application/json')
})

test('Fastify receiver with a raw-body parser', async () => {
  const { createApp } = await import(path.join(EXAMPLES, 'fastify_webhooks.mjs'))
  // Forged as text/plain: the raw bytes are still what is checked.
  await checkReceiver(async (secret, handled) => {
    const app = createApp(secret, handled)
    const address = await app.listen({ port: 0, host: '127.0.0.1' })
    return { url: `${address}/webhooks`, stop: () => app.close() }
  }, 'text/plain')
})
