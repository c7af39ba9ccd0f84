/**
 * Creates the TIM endpoint for an account: a WebSocket to tim-emulator, or libImSDK through koffi. The
 * native module is loaded only when the Tencent backend is used, so the emulator works wherever koffi
 * or the library cannot load.
 */
import * as vscode from 'vscode';
import type { TimEndpoint } from '../../tim/endpoint';
import type { Account } from './account';

export interface EndpointEnvironment {
  readonly extensionRoot: string;
  readonly storageDir: string;
  readonly log: (line: string) => void;
}

export async function createEndpoint(account: Account, env: EndpointEnvironment): Promise<TimEndpoint> {
  if (account.backend === 'emulator') {
    const { EmulatorEndpoint } = await import('../../emulator/client/emulatorEndpoint');
    return new EmulatorEndpoint({ url: account.url ?? '', log: env.log });
  }
  const sdkPath = vscode.workspace.getConfiguration('timChat').get<string>('sdkPath') ?? '';
  const { createNativeEndpoint } = await import('../../native/nativeEndpoint');
  const endpoint = createNativeEndpoint({
    sdkPath,
    extensionRoot: env.extensionRoot,
    storageDir: env.storageDir,
    onInternalError: (error) => env.log(`native endpoint: ${error instanceof Error ? error.message : String(error)}`),
  });
  // Worth a line in the log: koffi's relay works but makes the SDK's thread wait on the extension host.
  env.log(
    endpoint.relayFallbackReason === undefined
      ? `native endpoint: ${endpoint.libraryPath}, callbacks through the native relay`
      : `native endpoint: ${endpoint.libraryPath}, callbacks through koffi's relay (${endpoint.relayFallbackReason})`,
  );
  return endpoint;
}
