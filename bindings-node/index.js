"use strict";
/**
 * momentpay: the server-side SDK for Moment's payments API.
 *
 *   const { Moment, Webhook } = require('momentpay')   // or: import { Moment } from 'momentpay'
 *   const moment = new Moment()                           // MOMENT_API_KEY, MOMENT_BASE_URL
 *   const session = await moment.paymentSessions.create({ amount: 5000, currency: 'ZAR' })
 *   const event = new Webhook(secret).verify(rawBody, req.headers)
 */
var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __exportStar = (this && this.__exportStar) || function(m, exports) {
    for (var p in m) if (p !== "default" && !Object.prototype.hasOwnProperty.call(exports, p)) __createBinding(exports, m, p);
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.VERSION = exports.EdgeWebhook = exports.Webhook = exports.Bills = exports.BillingAccounts = exports.BillingCustomers = exports.Billing = exports.PaymentPages = exports.PaymentRequests = exports.Payments = exports.PaymentSessions = exports.Moment = void 0;
var client_1 = require("./lib/client");
Object.defineProperty(exports, "Moment", { enumerable: true, get: function () { return client_1.Moment; } });
Object.defineProperty(exports, "PaymentSessions", { enumerable: true, get: function () { return client_1.PaymentSessions; } });
Object.defineProperty(exports, "Payments", { enumerable: true, get: function () { return client_1.Payments; } });
Object.defineProperty(exports, "PaymentRequests", { enumerable: true, get: function () { return client_1.PaymentRequests; } });
Object.defineProperty(exports, "PaymentPages", { enumerable: true, get: function () { return client_1.PaymentPages; } });
Object.defineProperty(exports, "Billing", { enumerable: true, get: function () { return client_1.Billing; } });
Object.defineProperty(exports, "BillingCustomers", { enumerable: true, get: function () { return client_1.BillingCustomers; } });
Object.defineProperty(exports, "BillingAccounts", { enumerable: true, get: function () { return client_1.BillingAccounts; } });
Object.defineProperty(exports, "Bills", { enumerable: true, get: function () { return client_1.Bills; } });
var webhook_1 = require("./lib/webhook");
Object.defineProperty(exports, "Webhook", { enumerable: true, get: function () { return webhook_1.Webhook; } });
var edge_1 = require("./lib/edge");
Object.defineProperty(exports, "EdgeWebhook", { enumerable: true, get: function () { return edge_1.EdgeWebhook; } });
__exportStar(require("./lib/errors"), exports);
/** The package version. */
exports.VERSION = '0.1.0';
