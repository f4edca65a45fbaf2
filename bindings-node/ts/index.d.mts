// ESM declarations of `momentpay` (index.mjs): the CommonJS build's names, and the module
// itself as the default export.
export * from './index.js'
import * as momentpay from './index.js'
export default momentpay
