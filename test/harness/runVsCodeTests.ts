/**
 * Runs the integration layer the standard way, through @vscode/test-electron's runTests, with the code
 * shim (codeShim.sh) standing in for the desktop VS Code executable that cannot be downloaded here.
 */
import path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { ensureChromium } from './chromium';
import { ensureCodeServer } from './codeServer';
import { repoRoot } from './paths';

async function main(): Promise<void> {
  ensureCodeServer();
  ensureChromium();
  const exitCode = await runTests({
    vscodeExecutablePath: path.join(repoRoot, 'test/harness/codeShim.sh'),
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: path.join(repoRoot, 'test/extension-host/index.cjs'),
    extensionTestsEnv: {
      TIMCHAT_TEST_RESULTS: process.env.TIMCHAT_TEST_RESULTS ?? '',
      TIMCHAT_TEST_FILES: process.env.TIMCHAT_TEST_FILES ?? '',
    },
    launchArgs: ['--disable-extensions'],
    reuseMachineInstall: true,
  }).catch((error: unknown) => {
    console.error(error);
    return 1;
  });
  process.exit(exitCode);
}

void main();
