// Lets Node (mocha, the extension host in integration tests, benchmarks) require TypeScript files
// directly: each .ts file is transformed to CommonJS by esbuild when first required. Type checking
// is separate (npm run typecheck); this only strips types.
'use strict';
const fs = require('node:fs');
const Module = require('node:module');
const { transformSync } = require('esbuild');

function compile(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const { code } = transformSync(source, {
    loader: 'ts',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    sourcefile: filename,
  });
  module._compile(code, filename);
}

if (!Module._extensions['.ts'] || Module._extensions['.ts'].name !== 'compile') {
  Module._extensions['.ts'] = compile;
}
