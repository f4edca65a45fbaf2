// ESM declarations of `momentpay/edge` (edge.mjs): the CommonJS build's names, and the
// module itself as the default export.
export * from './edge.js'
import * as edge from './edge.js'
export default edge
