"use strict";
/**
 * `WebhookReceiver`: the webhooks a test's merchant receives. The simulator delivers them
 * over HTTP to an inbox it hosts; this reads them back (a long poll) and verifies each with
 * `Webhook`, exactly as a handler would.
 */
Object.defineProperty(exports, "__esModule", { value: true });
exports.WebhookReceiver = exports.WebhookTimeoutError = void 0;
const errors_1 = require("./errors");
const models_1 = require("./models");
const webhook_1 = require("./webhook");
/** Thrown when no matching webhook arrived in time; the message lists what did. */
class WebhookTimeoutError extends Error {
    constructor(message) {
        super(message);
        this.name = 'WebhookTimeoutError';
    }
}
exports.WebhookTimeoutError = WebhookTimeoutError;
const KNOWN = new Set(models_1.EVENT_TYPES);
/** Where one merchant's webhooks arrive; every delivery is verified before a test sees it. */
class WebhookReceiver {
    /** The secret deliveries are signed with (the merchant's webhook secret). */
    secret;
    /** Where the simulator delivers them. */
    url;
    #control;
    #inboxId;
    #webhook;
    #after = 0;
    #events = [];
    constructor(control, inbox) {
        this.#control = control;
        this.#inboxId = inbox.id;
        this.secret = inbox.secret;
        this.url = inbox.url;
        this.#webhook = new webhook_1.Webhook(inbox.secret);
    }
    async #read(waitMs) {
        const path = `/_sim/inboxes/${encodeURIComponent(this.#inboxId)}/deliveries?after=${this.#after}&wait_ms=${Math.max(0, Math.floor(waitMs))}`;
        const { data } = (await this.#control.call('GET', path));
        for (const delivery of data) {
            if (delivery.seq <= this.#after)
                continue;
            this.#after = delivery.seq;
            const event = this.#webhook.verify(delivery.body, delivery.headers);
            const parsed = JSON.parse(delivery.body);
            const id = parsed.data?.id;
            this.#events.push({ event, objectId: typeof id === 'string' ? id : null });
        }
    }
    #seen() {
        return this.#events.map(({ event }) => event.type).join(', ') || 'nothing';
    }
    /** Every verified event so far, in arrival order (a repeated delivery appears again). */
    async received() {
        await this.#read(0);
        return this.#events.map(({ event }) => event);
    }
    /**
     * The first event of `type` that arrived (about `objectId`, and passing `where`, when
     * given), waiting up to `timeout` ms. Earlier arrivals count too: pass the object's ID to
     * tell two events of one type apart. Narrow the result with `if (event.type === ...)`.
     */
    async waitFor(type, options = {}) {
        if (!KNOWN.has(type)) {
            throw new errors_1.ValidationError({ kind: 'validation', field: 'type', message: `type: ${JSON.stringify(type)} is not a Moment event type; expected one of ${models_1.EVENT_TYPES.join(', ')}` });
        }
        const timeout = options.timeout ?? 10_000;
        if (typeof timeout !== 'number' || !(timeout >= 0)) {
            throw new errors_1.ValidationError({ kind: 'validation', field: 'timeout', message: `timeout: expected milliseconds (a number from 0), got ${String(timeout)}` });
        }
        const deadline = Date.now() + timeout;
        for (;;) {
            for (const { event, objectId } of this.#events) {
                if (event.type !== type)
                    continue;
                if (options.objectId !== undefined && objectId !== options.objectId)
                    continue;
                if (options.where && !options.where(event))
                    continue;
                return event;
            }
            const left = deadline - Date.now();
            if (left <= 0) {
                const wanted = options.objectId === undefined ? type : `${type} for ${options.objectId}`;
                throw new WebhookTimeoutError(`no ${wanted} webhook arrived within ${timeout} ms; received: ${this.#seen()}`);
            }
            await this.#read(Math.min(left, 25_000));
        }
    }
    /** Every verified event once at least `count` have arrived (repeats count). */
    async waitForCount(count, options = {}) {
        const timeout = options.timeout ?? 10_000;
        const deadline = Date.now() + timeout;
        while (this.#events.length < count) {
            const left = deadline - Date.now();
            if (left <= 0) {
                throw new WebhookTimeoutError(`${this.#events.length} of ${count} webhooks arrived within ${timeout} ms: ${this.#seen()}`);
            }
            await this.#read(Math.min(left, 25_000));
        }
        return this.#events.map(({ event }) => event);
    }
    /** Forgets what was received (the simulator's reset empties the inbox too). */
    clear() {
        this.#events = [];
    }
}
exports.WebhookReceiver = WebhookReceiver;
