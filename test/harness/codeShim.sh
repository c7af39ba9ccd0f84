#!/usr/bin/env bash
# The executable @vscode/test-electron launches as "VS Code" (see codeShim.ts).
here=$(cd "$(dirname "$0")" && pwd)
exec node -r "$here/../../scripts/ts-register.cjs" "$here/codeShim.ts" "$@"
