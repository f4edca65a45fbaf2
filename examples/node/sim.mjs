// Helpers for running the examples against momentpay-sim. With MOMENT_SIM_URL set, the
// examples use the simulator's control API to do what a customer would do in a browser
// (pay a checkout) and to register their webhook endpoint; against the real API those
// steps are yours.
export const SIM_URL = process.env.MOMENT_SIM_URL

export async function control(method, route, body) {
  const response = await fetch(SIM_URL + route, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${process.env.MOMENT_API_KEY}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  if (!response.ok) throw new Error(`${route}: ${response.status} ${await response.text()}`)
  return response.json()
}
