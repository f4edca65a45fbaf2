"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.WebhookTimeoutError = exports.WebhookReceiver = exports.findSimulator = exports.SimulatorNotFoundError = exports.SimulatorError = exports.SimulatorServer = exports.Simulator = void 0;
/**
 * `momentpay/testing`: test fixtures for code that uses momentpay. A local Moment (the
 * `momentpay-sim` binary: `npm install --save-dev momentpay-sim`) with a merchant of your
 * test's own, for node:test, Jest and Vitest.
 *
 *   import { Simulator } from 'momentpay/testing'
 *   const sim = await Simulator.start()
 *   const session = await sim.client().paymentSessions.create({ amount: 5000, currency: 'ZAR' })
 *   await sim.pay(session)
 *   const event = await sim.webhooks.waitFor('payment_session.completed', { objectId: session.id })
 *   await sim.stop()
 */
var simulator_1 = require("./lib/simulator");
Object.defineProperty(exports, "Simulator", { enumerable: true, get: function () { return simulator_1.Simulator; } });
Object.defineProperty(exports, "SimulatorServer", { enumerable: true, get: function () { return simulator_1.SimulatorServer; } });
Object.defineProperty(exports, "SimulatorError", { enumerable: true, get: function () { return simulator_1.SimulatorError; } });
Object.defineProperty(exports, "SimulatorNotFoundError", { enumerable: true, get: function () { return simulator_1.SimulatorNotFoundError; } });
Object.defineProperty(exports, "findSimulator", { enumerable: true, get: function () { return simulator_1.findSimulator; } });
var receiver_1 = require("./lib/receiver");
Object.defineProperty(exports, "WebhookReceiver", { enumerable: true, get: function () { return receiver_1.WebhookReceiver; } });
Object.defineProperty(exports, "WebhookTimeoutError", { enumerable: true, get: function () { return receiver_1.WebhookTimeoutError; } });
