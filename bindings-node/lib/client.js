"use strict";
/**
 * `Moment`: every endpoint as a Promise-returning method. Each method hands its parameters to
 * the Rust core (validation, idempotency key, retries, errors) and resolves with the model.
 */
Object.defineProperty(exports, "__esModule", { value: true });
exports.Moment = exports.Billing = exports.Bills = exports.BillingAccounts = exports.BillingCustomers = exports.PaymentPages = exports.PaymentRequests = exports.Payments = exports.PaymentSessions = void 0;
const addon_1 = require("./addon");
const errors_1 = require("./errors");
async function call(native, operation, id, params, options) {
    try {
        return (await native.invoke(operation, id, params ?? null, options ?? null));
    }
    catch (error) {
        throw (0, errors_1.fromNative)(error);
    }
}
/** `/collect/payment_sessions` */
class PaymentSessions {
    native;
    constructor(native) {
        this.native = native;
    }
    /** Create a payment session (the one call a public `pk_…` key may make). */
    create(params, options) {
        return call(this.native, 'payment_sessions.create', null, params, options);
    }
    /** Retrieve a payment session. */
    retrieve(id, options) {
        return call(this.native, 'payment_sessions.retrieve', id, null, options);
    }
}
exports.PaymentSessions = PaymentSessions;
/** `/collect/payments` */
class Payments {
    native;
    constructor(native) {
        this.native = native;
    }
    /** Retrieve a payment. */
    retrieve(id, options) {
        return call(this.native, 'payments.retrieve', id, null, options);
    }
    /** Capture `amount` (default: everything still authorised) of a manual-capture payment. */
    capture(id, params, options) {
        return call(this.native, 'payments.capture', id, params, options);
    }
    /** Release the whole remaining authorisation. */
    void(id, params, options) {
        return call(this.native, 'payments.void', id, params, options);
    }
}
exports.Payments = Payments;
/** `/collect/payment_requests` */
class PaymentRequests {
    native;
    constructor(native) {
        this.native = native;
    }
    /** Create a payment link (default) or a bank push request. */
    create(params, options) {
        return call(this.native, 'payment_requests.create', null, params, options);
    }
    /** Retrieve a payment request. */
    retrieve(id, options) {
        return call(this.native, 'payment_requests.retrieve', id, null, options);
    }
    /** Update an unpaid payment request. */
    update(id, params, options) {
        return call(this.native, 'payment_requests.update', id, params, options);
    }
    /** Delete an unpaid payment request. */
    delete(id, options) {
        return call(this.native, 'payment_requests.delete', id, null, options);
    }
}
exports.PaymentRequests = PaymentRequests;
/** `/collect/payment_pages` */
class PaymentPages {
    native;
    constructor(native) {
        this.native = native;
    }
    /** Retrieve a payment page. */
    retrieve(id, options) {
        return call(this.native, 'payment_pages.retrieve', id, null, options);
    }
    /** Update a payment page. */
    update(id, params, options) {
        return call(this.native, 'payment_pages.update', id, params, options);
    }
    /** One page of the page's transactions (`data`, `has_more`, `next_cursor`). */
    listTransactions(id, params, options) {
        return call(this.native, 'payment_pages.list_transactions', id, params, options);
    }
    /** Every transaction of the page, fetching pages as the loop goes: `for await (const t of ...)`. */
    async *transactions(id, params) {
        let pager;
        try {
            pager = this.native.transactions(id, params?.limit ?? null, params?.cursor ?? null);
        }
        catch (error) {
            throw (0, errors_1.fromNative)(error);
        }
        for (;;) {
            let next;
            try {
                next = await pager.next();
            }
            catch (error) {
                throw (0, errors_1.fromNative)(error);
            }
            if (next === null || next === undefined)
                return;
            yield next;
        }
    }
}
exports.PaymentPages = PaymentPages;
/** `/billing/customers` (paths take the ID or your external reference) */
class BillingCustomers {
    native;
    constructor(native) {
        this.native = native;
    }
    /** Create a billing customer. */
    create(params, options) {
        return call(this.native, 'billing.customers.create', null, params, options);
    }
    /** Retrieve a billing customer by ID or external reference. */
    retrieve(customer, options) {
        return call(this.native, 'billing.customers.retrieve', customer, null, options);
    }
    /** Update a billing customer (a balance replaces the current one). */
    update(customer, params, options) {
        return call(this.native, 'billing.customers.update', customer, params, options);
    }
}
exports.BillingCustomers = BillingCustomers;
/** `/billing/accounts` */
class BillingAccounts {
    native;
    constructor(native) {
        this.native = native;
    }
    /** Create a billing account; a customer given as an object is created first. */
    create(params, options) {
        return call(this.native, 'billing.accounts.create', null, params, options);
    }
    /** Retrieve a billing account by ID or external reference. */
    retrieve(account, options) {
        return call(this.native, 'billing.accounts.retrieve', account, null, options);
    }
    /** Update a billing account. */
    update(account, params, options) {
        return call(this.native, 'billing.accounts.update', account, params, options);
    }
}
exports.BillingAccounts = BillingAccounts;
/** `/billing/bills` */
class Bills {
    native;
    constructor(native) {
        this.native = native;
    }
    /** Bill a customer or an account (either may be created inline). */
    create(params, options) {
        return call(this.native, 'billing.bills.create', null, params, options);
    }
    /** Retrieve a bill by ID or external reference. */
    retrieve(bill, options) {
        return call(this.native, 'billing.bills.retrieve', bill, null, options);
    }
    /** Reconcile a bill manually (`amount_paid`). */
    update(bill, params, options) {
        return call(this.native, 'billing.bills.update', bill, params, options);
    }
    /** Void a bill for good. */
    void(bill, params, options) {
        return call(this.native, 'billing.bills.void', bill, params, options);
    }
}
exports.Bills = Bills;
/** `/billing`: customers, accounts and bills. */
class Billing {
    customers;
    accounts;
    bills;
    constructor(native) {
        this.customers = new BillingCustomers(native);
        this.accounts = new BillingAccounts(native);
        this.bills = new Bills(native);
    }
}
exports.Billing = Billing;
/**
 * The Moment client. One instance serves a whole process: calls run concurrently on the
 * core's own runtime and never block the event loop.
 */
class Moment {
    paymentSessions;
    payments;
    paymentRequests;
    paymentPages;
    billing;
    #native;
    constructor(options = {}) {
        try {
            this.#native = new addon_1.native.NativeClient(options);
        }
        catch (error) {
            throw (0, errors_1.fromNative)(error);
        }
        this.paymentSessions = new PaymentSessions(this.#native);
        this.payments = new Payments(this.#native);
        this.paymentRequests = new PaymentRequests(this.#native);
        this.paymentPages = new PaymentPages(this.#native);
        this.billing = new Billing(this.#native);
    }
    /** The API base URL in use. */
    get baseUrl() {
        return this.#native.baseUrl;
    }
    /** Never shows the API key. */
    toJSON() {
        return { baseUrl: this.#native.baseUrl, apiKey: this.#native.apiKeyHint };
    }
    /** What `util.inspect` (and `console.log`) shows: no secret. */
    [Symbol.for('nodejs.util.inspect.custom')]() {
        return `Moment { baseUrl: '${this.#native.baseUrl}', apiKey: '${this.#native.apiKeyHint}' }`;
    }
}
exports.Moment = Moment;
