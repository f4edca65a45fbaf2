// Smoke test of the installed npm tarballs (momentpay and momentpay-sim with their
// linux-x64-gnu packages), run by scripts/package in a fresh project with no Rust toolchain
// on PATH, on each Node it tests. CommonJS `require`, the `momentpay-sim` bin, a recurring
// flow with a signed webhook verified, and a typed error.
'use strict'

const { spawn } = require('node:child_process')
const fs = require('node:fs')
const http = require('node:http')
const path = require('node:path')
const { once } = require('node:events')
const momentpay = require('momentpay')
const sim = require('momentpay-sim')

function fail(message) {
  console.error(`smoke: FAIL: ${message}`)
  process.exit(1)
}

for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
  for (const tool of ['cargo', 'rustc', 'cargo.exe', 'rustc.exe']) {
    if (dir && fs.existsSync(path.join(dir, tool))) fail(`${tool} is on PATH (${dir}); the install test must run without a Rust toolchain`)
  }
}

async function control(baseUrl, key, method, route, body) {
  const response = await fetch(baseUrl + route, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  if (!response.ok) fail(`${route}: ${response.status} ${await response.text()}`)
  return response.json()
}

async function main() {
  const installed = require.resolve('momentpay')
  if (!installed.includes(`${path.sep}node_modules${path.sep}momentpay${path.sep}`)) fail(`momentpay resolved to ${installed}`)
  if (!sim.binaryPath().includes(`momentpay-sim-${sim.platformKey()}`)) fail(`the simulator binary is ${sim.binaryPath()}`)

  const deliveries = []
  const waiting = []
  const receiver = http.createServer((req, res) => {
    const chunks = []
    req.on('data', (c) => chunks.push(c))
    req.on('end', () => {
      deliveries.push({ body: Buffer.concat(chunks), headers: req.headers })
      waiting.splice(0).forEach((wake) => wake())
      res.writeHead(204).end()
    })
  })
  receiver.listen(0, '127.0.0.1')
  await once(receiver, 'listening')

  // Through the package's bin (the launcher that finds the platform binary).
  const launcher = path.join(path.dirname(require.resolve('momentpay-sim/package.json')), 'bin', 'momentpay-sim.js')
  const child = spawn(process.execPath, [launcher, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] })
  const [firstLine] = await new Promise((resolve) => {
    let text = ''
    child.stdout.on('data', (chunk) => {
      text += chunk
      if (text.includes('\n')) resolve(text.split('\n'))
    })
  })
  const baseUrl = firstLine.split('=')[1]
  try {
    const key = `sk_test_${crypto.randomUUID().replace(/-/g, '')}`
    const endpoint = await control(baseUrl, key, 'POST', '/_sim/webhook_endpoints', { url: `http://127.0.0.1:${receiver.address().port}/hook` })
    const moment = new momentpay.Moment({ apiKey: key, baseUrl })
    const session = await moment.paymentSessions.create({
      amount: 5000, currency: 'ZAR', type: 'first_in_series',
      options: { customer: { name: 'Alex', email: 'alex@example.com' } },
    })
    await control(baseUrl, key, 'POST', `/_sim/payment_sessions/${session.id}/complete`, {})
    const webhook = new momentpay.Webhook(endpoint.secret)
    let event
    const deadline = Date.now() + 10_000
    while (!event) {
      for (const delivery of deliveries.splice(0)) {
        const verified = webhook.verify(delivery.body, delivery.headers)
        if (verified.type === 'payment_session.completed') event = verified
      }
      if (!event) {
        if (Date.now() > deadline) fail('no payment_session.completed webhook within 10 s')
        await new Promise((wake) => { waiting.push(wake); setTimeout(wake, 500) })
      }
    }
    if (event.data.payment_outcome !== 'paid') fail(`the first payment is ${event.data.payment_outcome}`)
    const charge = await moment.paymentSessions.create({
      amount: 5000, currency: 'ZAR', type: 'next_in_series',
      options: { customer: event.data.customer_id, payment_method: event.data.payment_method_id },
    })
    if (!charge.payment_id) fail(`the next_in_series charge came back as ${JSON.stringify(charge)}`)
    try {
      await moment.payments.retrieve('pay_does_not_exist')
      fail('retrieving a missing payment did not reject')
    } catch (error) {
      if (!(error instanceof momentpay.NotFoundError) || error.status !== 404) fail(`wrong error: ${error}`)
    }
    console.log(`smoke: ok (momentpay ${momentpay.VERSION}, Node ${process.version}, require)`)
  } finally {
    child.kill('SIGTERM')
    await once(child, 'exit')
    receiver.close()
  }
}

main().catch((error) => fail(error.stack || String(error)))
