// A panic inside the Rust core rejects the Promise with InternalError (an ordinary Error),
// never aborting Node. Uses the test-only `test.panic` operation, present when the addon is
// built with `npm run build:test` (as ./scripts/test does).
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { NativeClient } from '../native.js'
import { fromNative, InternalError, MomentError, Moment } from 'momentpay'
import { startSimulator, newKey } from './helpers.mjs'

let sim
before(async () => { sim = await startSimulator() })
after(() => sim.stop())

const native = new NativeClient({ apiKey: 'sk_test_panic', baseUrl: 'http://127.0.0.1:9' })

test('a panic inside the core rejects with InternalError', async () => {
  for (let i = 0; i < 3; i++) {
    await assert.rejects(
      native.invoke('test.panic').catch((error) => { throw fromNative(error) }),
      (error) => error instanceof InternalError && error instanceof MomentError && error.kind === 'internal',
    )
  }
})

test('the process is still healthy after panics', async () => {
  await assert.rejects(
    native.invoke('payments.retrieve', 'pay/../x').catch((error) => { throw fromNative(error) }),
    (error) => error.constructor.name === 'ValidationError',
  )
  // A real call over HTTP after the panics: the runtime and its connections still work.
  const moment = new Moment({ apiKey: newKey(), baseUrl: sim.baseUrl })
  const session = await moment.paymentSessions.create({ amount: 100, currency: 'ZAR' })
  assert.match(session.id, /^ps_/)
  assert.equal((await moment.paymentSessions.retrieve(session.id)).id, session.id)
})
