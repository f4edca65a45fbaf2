// Test helpers: the simulator as a child process (a sync call must never block the event
// loop that serves it), fresh merchants, and the control API.
import { spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { once } from 'node:events'
import { createInterface } from 'node:readline'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')

export async function startSimulator() {
  const binary = process.env.MOMENTPAY_SIM_BIN ?? path.join(process.env.CARGO_TARGET_DIR ?? path.join(ROOT, 'target'), 'debug', 'momentpay-sim')
  const child = spawn(binary, ['--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] })
  const lines = createInterface({ input: child.stdout })
  // The first line, or a failure that says why: the simulator exited (or never started) or
  // printed nothing for 20 s. Awaiting the line alone would hang the suite until CI's limit.
  let timer
  const first = await Promise.race([
    once(lines, 'line').then(([line]) => line),
    once(child, 'exit').then(([code, signal]) => {
      throw new Error(`${binary} exited (${code ?? signal}) before printing its base_url`)
    }),
    once(child, 'error').then(([error]) => {
      throw new Error(`${binary} did not start: ${error.message}`)
    }),
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${binary} printed no base_url within 20 s`)), 20_000)
    }),
  ]).finally(() => clearTimeout(timer))
  if (!first.startsWith('base_url=')) throw new Error(`${binary} printed ${JSON.stringify(first)}, not base_url=...`)
  const baseUrl = first.split('=')[1]
  return {
    baseUrl,
    async control(method, route, body, key) {
      const response = await fetch(baseUrl + route, {
        method,
        headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
      const text = await response.text()
      if (!response.ok) throw new Error(`${method} ${route}: ${response.status} ${text}`)
      return text ? JSON.parse(text) : null
    },
    async requests(key, route) {
      const { data } = await this.control('GET', '/_sim/requests', undefined, key)
      return data.filter((r) => r.path === route).sort((a, b) => a.received_at_ms - b.received_at_ms)
    },
    stop() {
      child.kill()
    },
  }
}

export const newKey = () => `sk_test_${randomUUID().replaceAll('-', '')}`
