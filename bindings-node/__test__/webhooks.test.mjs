import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { Webhook as ReferenceWebhook } from 'standardwebhooks'
import * as momentpay from 'momentpay'
import * as edge from 'momentpay/edge'
import { ROOT } from './helpers.mjs'

const vectors = JSON.parse(readFileSync(path.join(ROOT, 'tests', 'vectors', 'webhooks.json'), 'utf8'))
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'
const BODY = '{"id":"evt_1","type":"payment.succeeded","data":{"id":"pay_1","status":"succeeded","amount":100,"currency":"ZAR"}}'
const ERRORS = {
  missing_header: 'WebhookMissingHeaderError',
  invalid_timestamp: 'WebhookInvalidTimestampError',
  timestamp_too_old: 'WebhookTimestampTooOldError',
  timestamp_too_new: 'WebhookTimestampTooNewError',
  no_matching_signature: 'WebhookSignatureError',
  invalid_secret: 'WebhookSecretError',
  malformed_body: 'WebhookPayloadError',
}

async function verdict(make, testCase) {
  try {
    const webhook = make(testCase.secret, { toleranceSeconds: testCase.tolerance_seconds ?? 180 })
    const body = Buffer.from(testCase.payload, 'utf8')
    if (testCase.verify_only) {
      await webhook.verifySignature(body, testCase.headers, { now: testCase.now })
      return { ok: true }
    }
    const event = await webhook.verify(body, testCase.headers, { now: testCase.now })
    return { ok: true, event_type: event.type, event_id: event.id }
  } catch (error) {
    return { ok: false, error: error.code, className: error.constructor.name, isWebhookError: error instanceof momentpay.WebhookVerificationError || error instanceof edge.WebhookVerificationError }
  }
}

for (const [name, make] of [
  ['native', (secret, options) => new momentpay.Webhook(secret, options)],
  ['addon-free', (secret, options) => new edge.EdgeWebhook(secret, options)],
]) {
  test(`every vector gives the same verdict as in Rust (${name})`, async () => {
    assert.ok(vectors.cases.length >= 30)
    for (const testCase of vectors.cases) {
      const got = await verdict(make, testCase)
      const want = testCase.expect
      assert.equal(got.ok, want.ok, `${testCase.name}: ${JSON.stringify(got)}`)
      if (want.ok && want.event_type && !testCase.verify_only) {
        assert.equal(got.event_type, want.event_type, testCase.name)
        assert.equal(got.event_id, want.event_id, testCase.name)
      }
      if (!want.ok) {
        assert.equal(got.error, want.error, testCase.name)
        assert.equal(got.className, ERRORS[want.error], testCase.name)
        assert.ok(got.isWebhookError, testCase.name)
      }
    }
  })
}

test('a webhook signed by the npm standardwebhooks package verifies through both paths', async () => {
  const reference = new ReferenceWebhook(SECRET)
  const now = new Date()
  const signature = reference.sign('msg_npm', now, BODY)
  const headers = { 'webhook-id': 'msg_npm', 'webhook-timestamp': String(Math.floor(now.getTime() / 1000)), 'webhook-signature': signature }
  const event = new momentpay.Webhook(SECRET).verify(BODY, headers)
  assert.equal(event.type, 'payment.succeeded')
  assert.equal(event.data.amount, 100)
  assert.equal((await new edge.EdgeWebhook(SECRET).verify(BODY, headers)).id, 'evt_1')
  const ours = new momentpay.Webhook(SECRET).signHeaders('msg_ours', Math.floor(Date.now() / 1000), BODY)
  assert.ok(reference.verify(BODY, ours))
  const edgeSigned = await new edge.EdgeWebhook(SECRET).sign('msg_edge', Number(ours['webhook-timestamp']), BODY)
  assert.equal(edgeSigned, new momentpay.Webhook(SECRET).sign('msg_edge', Number(ours['webhook-timestamp']), BODY))
})

test('body and header shapes, and the raw-body hint', () => {
  const webhook = new momentpay.Webhook(SECRET)
  const headers = webhook.signHeaders('msg_1', Math.floor(Date.now() / 1000), BODY)
  for (const body of [BODY, Buffer.from(BODY), new TextEncoder().encode(BODY), new TextEncoder().encode(BODY).buffer]) {
    assert.equal(webhook.verify(body, headers).id, 'evt_1')
  }
  assert.equal(webhook.verify(BODY, new Headers(headers)).id, 'evt_1')
  assert.equal(webhook.verify(BODY, new Map(Object.entries(headers))).id, 'evt_1')
  assert.equal(webhook.verify(BODY, Object.entries(headers)).id, 'evt_1')
  const upper = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toUpperCase(), v]))
  assert.equal(webhook.verify(BODY, upper).id, 'evt_1')
  assert.throws(() => webhook.verify(JSON.parse(BODY), headers), /pass the raw request body/)
  assert.throws(() => webhook.verify(BODY.replace('100', '1'), headers), momentpay.WebhookSignatureError)
  assert.throws(() => new momentpay.Webhook('whsec_???'), momentpay.WebhookSecretError)
  // Rotation: a message signed with the old secret verifies only when the old one is added.
  const old = momentpay.Webhook.generateSecret()
  const rotated = new momentpay.Webhook(SECRET, { additionalSecrets: [old] })
  assert.equal(rotated.verify(BODY, headers).type, 'payment.succeeded')
  const oldHeaders = new momentpay.Webhook(old).signHeaders('msg_old', Math.floor(Date.now() / 1000), BODY)
  assert.equal(rotated.verify(BODY, oldHeaders).id, 'evt_1')
  assert.throws(() => webhook.verify(BODY, oldHeaders), momentpay.WebhookSignatureError)
})

test('data is parsed on first access, then kept as a plain property', () => {
  const webhook = new momentpay.Webhook(SECRET)
  const now = Math.floor(Date.now() / 1000)
  const event = webhook.verify(Buffer.from(BODY), webhook.signHeaders('msg_1', now, BODY))
  assert.equal(event.type, 'payment.succeeded')
  assert.equal(event.data.amount, 100)
  assert.equal(event.data, event.data)
  assert.equal(event.data.voided_amount, null) // the normalised model: absent fields are null
  const copy = JSON.parse(JSON.stringify(event))
  assert.deepEqual(copy, { id: 'evt_1', type: 'payment.succeeded', data: event.data })
  assert.deepEqual({ ...event }.data, event.data)
})

test('a data mismatch throws from data, broken JSON from verify', () => {
  const webhook = new momentpay.Webhook(SECRET)
  const now = Math.floor(Date.now() / 1000)
  const body = '{"id":"evt_2","type":"payment.succeeded","data":{"id":"pay_1","amount":"ten"}}'
  const event = webhook.verify(body, webhook.signHeaders('msg_2', now, body))
  assert.equal(event.id, 'evt_2')
  assert.throws(() => event.data, (error) => error instanceof momentpay.WebhookPayloadError)
  const broken = '{"id":"evt_3","type":"payment.succeeded","data":{"amount":}}'
  assert.throws(() => webhook.verify(broken, webhook.signHeaders('msg_3', now, broken)),
    (error) => error instanceof momentpay.WebhookPayloadError)
})

test('only the webhook headers are read from a large header set, in any case', () => {
  const webhook = new momentpay.Webhook(SECRET)
  const now = Math.floor(Date.now() / 1000)
  const headers = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`x-other-${i}`, 'v'.repeat(100)]))
  for (const [name, value] of Object.entries(webhook.signHeaders('msg_4', now, BODY))) headers[name.toUpperCase()] = value
  assert.equal(webhook.verify(BODY, headers).id, 'evt_1')
  assert.equal(webhook.verify(BODY, new Headers(headers)).id, 'evt_1')
  assert.equal(webhook.verify(BODY, new Map(Object.entries(headers))).id, 'evt_1')
  assert.equal(webhook.verify(new Uint8Array(Buffer.from(BODY)), Object.entries(headers)).id, 'evt_1')
})

test('the edge verifier parses the bytes it verified, even if the caller changes its buffer meanwhile', async () => {
  // Security review L10: verify() used to re-read the caller's buffer after its awaits.
  const webhook = new edge.EdgeWebhook(SECRET)
  const now = Math.floor(Date.now() / 1000)
  const headers = { 'webhook-id': 'msg_1', 'webhook-timestamp': String(now), 'webhook-signature': await webhook.sign('msg_1', now, BODY) }
  const buffer = new Uint8Array(Buffer.from(BODY, 'utf8'))
  const pending = webhook.verify(buffer, headers)
  // The synchronous part of verify() has run; overwrite the event's id before it resumes.
  buffer.set(Buffer.from('"evt_X"', 'utf8'), BODY.indexOf('"evt_1"'))
  const event = await pending
  assert.equal(event.id, 'evt_1')
  // A second verify of the changed buffer fails: it is not what was signed.
  await assert.rejects(webhook.verify(buffer, headers), (error) => error.code === 'no_matching_signature')
})
