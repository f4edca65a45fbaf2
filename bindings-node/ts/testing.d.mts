// ESM declarations of `momentpay/testing` (testing.mjs): the CommonJS build's names, and
// the module itself as the default export.
export * from './testing.js'
import * as testing from './testing.js'
export default testing
