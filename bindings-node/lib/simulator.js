"use strict";
/**
 * `momentpay/testing`: a local Moment (the `momentpay-sim` binary from the `momentpay-sim`
 * npm package) with a merchant of your test's own, usable from node:test, Jest and Vitest.
 */
Object.defineProperty(exports, "__esModule", { value: true });
exports.Simulator = exports.SimulatorServer = exports.SimulatorNotFoundError = exports.SimulatorError = void 0;
exports.findSimulator = findSimulator;
const node_child_process_1 = require("node:child_process");
const node_crypto_1 = require("node:crypto");
const node_readline_1 = require("node:readline");
const client_1 = require("./client");
const errors_1 = require("./errors");
const receiver_1 = require("./receiver");
/** The simulator refused a control call, or could not be started or reached. */
class SimulatorError extends Error {
    /** The HTTP status, or null when nothing answered. */
    status;
    /** The argument it refused, when it said. */
    field;
    constructor(message, status = null, field = null) {
        super(message);
        this.name = 'SimulatorError';
        this.status = status;
        this.field = field;
    }
}
exports.SimulatorError = SimulatorError;
/** The `momentpay-sim` binary is not installed where the fixtures look. */
class SimulatorNotFoundError extends Error {
    constructor(message) {
        super(message);
        this.name = 'SimulatorNotFoundError';
    }
}
exports.SimulatorNotFoundError = SimulatorNotFoundError;
/**
 * The path of the `momentpay-sim` binary: `MOMENTPAY_SIM_BIN`, else the `momentpay-sim` npm
 * package (`npm install --save-dev momentpay-sim`). Throws SimulatorNotFoundError naming
 * where it looked.
 */
function findSimulator() {
    const explicit = process.env.MOMENTPAY_SIM_BIN;
    if (explicit)
        return explicit;
    let found;
    try {
        found = require('momentpay-sim');
    }
    catch {
        throw new SimulatorNotFoundError('the momentpay-sim binary was not found; looked in: MOMENTPAY_SIM_BIN (not set); the momentpay-sim package (not installed). ' +
            'Install it with `npm install --save-dev momentpay-sim`, or set MOMENTPAY_SIM_BIN to its path.');
    }
    try {
        return found.binaryPath();
    }
    catch (error) {
        throw new SimulatorNotFoundError(`the momentpay-sim package has no binary here: ${error.message}`);
    }
}
/** One `momentpay-sim` process on a free loopback port; many merchants can share it. */
class SimulatorServer {
    /** The simulator's URL. */
    baseUrl;
    #child;
    #stopped = false;
    constructor(baseUrl, child) {
        this.baseUrl = baseUrl;
        this.#child = child;
    }
    /** Starts the process and waits for its first line (`base_url=…`). */
    static async start(options = {}) {
        const binary = options.binary ?? findSimulator();
        // --stop-with-stdin: the process ends when our end of its stdin pipe closes, which
        // happens when this process dies in any way (SIGKILL included): no orphan.
        const args = ['serve', '--port', '0', '--stop-with-stdin'];
        if (options.seed !== undefined) {
            if (!Number.isSafeInteger(options.seed) || options.seed < 0) {
                throw new errors_1.ValidationError({ kind: 'validation', field: 'seed', message: `seed: expected a whole number from 0, got ${String(options.seed)}` });
            }
            args.push('--seed', String(options.seed));
        }
        const child = (0, node_child_process_1.spawn)(binary, args, { stdio: ['pipe', 'pipe', 'pipe'] });
        const stderr = [];
        child.stderr?.setEncoding('utf8').on('data', (chunk) => {
            stderr.push(chunk);
            if (stderr.length > 50)
                stderr.shift();
        });
        const first = await new Promise((resolve, reject) => {
            const lines = (0, node_readline_1.createInterface)({ input: child.stdout });
            lines.once('line', resolve);
            child.once('error', (error) => reject(new SimulatorError(`cannot run ${binary}: ${error.message}`)));
            child.once('exit', (code) => reject(new SimulatorError(`${binary} did not start (exit ${code}): ${stderr.join('').trim() || 'no output'}`)));
        });
        if (!first.startsWith('base_url=')) {
            child.kill();
            throw new SimulatorError(`${binary} did not start: ${first}`);
        }
        // The process never keeps a test runner alive, and never outlives it.
        child.unref();
        child.stdin?.unref?.();
        child.stdout?.unref?.();
        child.stderr?.unref?.();
        const kill = () => {
            child.kill();
        };
        process.once('exit', kill);
        child.once('exit', () => process.removeListener('exit', kill));
        return new SimulatorServer(first.slice('base_url='.length), child);
    }
    /** A control API call; resolves with its JSON (null for an empty body). */
    async call(method, path, body, key) {
        let response;
        try {
            response = await fetch(this.baseUrl + path, {
                method,
                headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
                ...(body === undefined ? {} : { body: JSON.stringify(body) }),
            });
        }
        catch (error) {
            throw new SimulatorError(`cannot reach the simulator at ${this.baseUrl}: ${error.message}`);
        }
        const text = await response.text();
        if (!response.ok) {
            let problem = {};
            try {
                problem = JSON.parse(text);
            }
            catch {
                // Not a problem document: the text says it.
            }
            throw new SimulatorError(`${method} ${path}: ${response.status} ${problem.detail ?? problem.title ?? text}`, response.status, problem.errors?.[0]?.field ?? null);
        }
        return text ? JSON.parse(text) : null;
    }
    /** Stops the process. */
    async stop() {
        if (this.#stopped)
            return;
        this.#stopped = true;
        if (this.#child.exitCode !== null)
            return;
        const exited = new Promise((resolve) => this.#child.once('exit', () => resolve()));
        // Referenced again while it stops, so the event loop waits for its exit.
        this.#child.ref();
        this.#child.kill('SIGTERM');
        await exited;
    }
}
exports.SimulatorServer = SimulatorServer;
const FAULT_FIELDS = {
    rate: 'rate', kinds: 'kinds', next: 'next', retryAfterSeconds: 'retry_after_seconds', delayMs: 'delay_ms', pathPrefix: 'path_prefix', seed: 'seed',
};
const CHAOS_FIELDS = {
    duplicateRate: 'duplicate_rate', reorderWindowMs: 'reorder_window_ms', delayMs: 'delay_ms', seed: 'seed',
};
function wire(what, given, fields) {
    const out = {};
    for (const [name, value] of Object.entries(given)) {
        const field = fields[name];
        if (field === undefined) {
            throw new errors_1.ValidationError({ kind: 'validation', field: name, message: `${what}: unknown option ${JSON.stringify(name)}; expected one of ${Object.keys(fields).join(', ')}` });
        }
        if (value !== undefined)
            out[field] = value;
    }
    return out;
}
/**
 * A merchant on a local `momentpay-sim`: its own key, webhook secret and receiver, and the
 * verbs a test needs. Merchants never see each other's objects, idempotency keys, faults,
 * clocks or webhook chaos.
 */
class Simulator {
    /** The merchant's test key. */
    apiKey;
    /** Where the merchant's webhooks arrive, verified. */
    webhooks;
    #server;
    #ownsServer;
    #inboxId;
    constructor(server, ownsServer, apiKey, inbox) {
        this.#server = server;
        this.#ownsServer = ownsServer;
        this.apiKey = apiKey;
        // The inbox answers only its merchant's key.
        this.webhooks = new receiver_1.WebhookReceiver({ call: (m, p, b, k) => server.call(m, p, b, k ?? apiKey) }, inbox);
        this.#inboxId = inbox.id;
    }
    /** Starts a simulator (or joins `options.server`) with a fresh merchant. */
    static async start(options = {}) {
        const server = options.server ?? (await SimulatorServer.start(options));
        const apiKey = `sk_test_${(0, node_crypto_1.randomUUID)().replaceAll('-', '')}`;
        try {
            const inbox = (await server.call('POST', '/_sim/inboxes', {}, apiKey));
            return new Simulator(server, options.server === undefined, apiKey, inbox);
        }
        catch (error) {
            if (options.server === undefined)
                await server.stop();
            throw error;
        }
    }
    /** The simulator's URL: the client's `baseUrl`. */
    get baseUrl() {
        return this.#server.baseUrl;
    }
    /** The secret the merchant's webhooks are signed with. */
    get webhookSecret() {
        return this.webhooks.secret;
    }
    #call(method, path, body) {
        return this.#server.call(method, path, body, this.apiKey);
    }
    /** A client for the merchant (other options as `new Moment` takes them). */
    client(options = {}) {
        return new client_1.Moment({ ...options, apiKey: this.apiKey, baseUrl: this.baseUrl });
    }
    /**
     * The customer pays the session at checkout with `card` (4242424242424242 pays,
     * 4000000000000002 is declined); resolves with the session as the merchant then reads it.
     */
    async pay(sessionOrId, card = '4242424242424242') {
        const id = typeof sessionOrId === 'string' ? sessionOrId : sessionOrId?.id;
        if (typeof id !== 'string' || id === '') {
            throw new errors_1.ValidationError({ kind: 'validation', field: 'sessionOrId', message: `sessionOrId: expected a payment session or its id, got ${JSON.stringify(sessionOrId)}` });
        }
        if (typeof card !== 'string') {
            throw new errors_1.ValidationError({ kind: 'validation', field: 'card', message: `card: expected a card number as a string, got ${typeof card}` });
        }
        await this.#call('POST', `/_sim/payment_sessions/${encodeURIComponent(id)}/complete`, { card_number: card });
        return this.client().paymentSessions.retrieve(id);
    }
    /**
     * Moves the merchant's clock forward (other merchants' stay) and runs what became due:
     * subscription renewals, session and authorisation expiry, webhook retries.
     */
    async advanceClock(by) {
        const units = { seconds: 1, minutes: 60, hours: 3600, days: 86_400 };
        let seconds = 0;
        for (const [name, value] of Object.entries(by ?? {})) {
            const unit = units[name];
            if (unit === undefined) {
                throw new errors_1.ValidationError({ kind: 'validation', field: name, message: `advanceClock: unknown unit ${JSON.stringify(name)}; expected seconds, minutes, hours or days` });
            }
            if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
                throw new errors_1.ValidationError({ kind: 'validation', field: name, message: `${name}: expected a number from 0 (the clock only moves forward), got ${String(value)}` });
            }
            seconds += value * unit;
        }
        return (await this.#call('POST', '/_sim/clock/advance', { seconds }));
    }
    /** Moves the merchant's clock to the next thing scheduled for it and runs it (`what` is null when nothing is). */
    async advanceToNextEvent() {
        return (await this.#call('POST', '/_sim/clock/next', {}));
    }
    /** Faults for the merchant's API calls from now on. */
    async injectFaults(faults) {
        await this.#call('POST', '/_sim/faults', wire('injectFaults', faults, FAULT_FIELDS));
    }
    /** No more faults for the merchant. */
    async clearFaults() {
        await this.#call('DELETE', '/_sim/faults');
    }
    /** How the merchant's webhook deliveries misbehave from now on. */
    async setWebhookChaos(chaos) {
        await this.#call('POST', '/_sim/webhooks/chaos', wire('setWebhookChaos', chaos, CHAOS_FIELDS));
    }
    /** Deliveries behave again. */
    async clearWebhookChaos() {
        await this.#call('DELETE', '/_sim/webhooks/chaos');
    }
    /** Makes the simulator emit `eventType` for the merchant, creating the objects that make Moment emit it. */
    async trigger(eventType) {
        return (await this.#call('POST', '/_sim/trigger', { event: eventType }));
    }
    /** Delivers an event again (same `webhook-id`). */
    async resend(eventId) {
        await this.#call('POST', `/_sim/events/${encodeURIComponent(eventId)}/resend`, {});
    }
    /**
     * Delivers the merchant's webhooks to `url` as well, signed with `webhookSecret`: your own
     * handler under test (an Express or Fastify route, say) receives them as it would from
     * Moment. `webhooks` keeps receiving them too. Resolves to the endpoint's ID for
     * `stopForwardingWebhooks`; `reset()` and `stop()` end every forward.
     */
    async forwardWebhooksTo(url) {
        const endpoint = (await this.#call('POST', '/_sim/webhook_endpoints', { url, secret: this.webhookSecret }));
        return endpoint.id;
    }
    /** Ends a `forwardWebhooksTo` (a delivery still retrying to it ends `failed`). */
    async stopForwardingWebhooks(endpointId) {
        await this.#call('DELETE', `/_sim/webhook_endpoints/${encodeURIComponent(endpointId)}`, undefined);
    }
    /** Forgets the merchant's objects, events, faults, chaos and clock; the receiver stays, emptied. */
    async reset() {
        await this.#call('POST', '/_sim/reset', {});
        this.webhooks.clear();
    }
    /** Forgets the merchant, and stops the simulator when it started one. */
    async stop() {
        if (this.#ownsServer) {
            await this.#server.stop();
        }
        else {
            await this.#call('POST', '/_sim/reset', {});
            // The inbox goes too: a run of thousands of tests keeps none of them.
            await this.#call('DELETE', `/_sim/inboxes/${encodeURIComponent(this.#inboxId)}`, undefined);
        }
    }
}
exports.Simulator = Simulator;
