// Prints, as JSON, every interface (fields: optional `?`, `| null`, string-literal values) and
// every string-literal union alias of a TypeScript file, read with the TypeScript compiler.
//   node tests/api/ts_surface.cjs bindings-node/ts/lib/models.ts
'use strict'

const path = require('node:path')
const fs = require('node:fs')
const ts = require(path.join(__dirname, '..', '..', 'bindings-node', 'node_modules', 'typescript'))

const file = process.argv[2]
const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true)
const interfaces = {}
const aliases = {}

function literals(node) {
  if (ts.isUnionTypeNode(node)) return node.types.flatMap(literals)
  if (ts.isLiteralTypeNode(node) && ts.isStringLiteral(node.literal)) return [node.literal.text]
  return []
}

function describe(node) {
  const text = node.getText(source)
  const nullable = ts.isUnionTypeNode(node) && node.types.some((t) => t.kind === ts.SyntaxKind.LiteralType && t.literal.kind === ts.SyntaxKind.NullKeyword)
  // Open<X> or X: the alias named, for its values.
  const named = text.replace(/ \| null$/, '').replace(/^Open<(.*)>$/, '$1')
  return { type: text, nullable, named }
}

for (const statement of source.statements) {
  if (ts.isInterfaceDeclaration(statement)) {
    const fields = {}
    for (const member of statement.members) {
      if (!ts.isPropertySignature(member) || !member.type) continue
      fields[member.name.getText(source)] = { optional: Boolean(member.questionToken), ...describe(member.type) }
    }
    interfaces[statement.name.text] = fields
  } else if (ts.isTypeAliasDeclaration(statement)) {
    const values = literals(statement.type)
    if (values.length) aliases[statement.name.text] = values
  }
}
console.log(JSON.stringify({ interfaces, aliases }))
