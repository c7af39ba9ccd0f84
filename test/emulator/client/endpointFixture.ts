/**
 * Per-test setup shared by the scripted-server suites: a fresh ScriptedServer, endpoints opened against
 * it with fast reconnects and their log captured, and everything disposed after each test.
 */
import { strict as assert } from 'node:assert';
import { EmulatorEndpoint } from '../../../src/emulator/client/emulatorEndpoint';
import type { EmulatorEndpointOptions } from '../../../src/emulator/client/emulatorEndpoint';
import type { ClientFrame } from '../../../src/emulator/protocol';
import { ScriptedServer } from './scriptedServer';

export const INIT_ARGS = [1400000001, '{"sdk_config_config_file_path":"/tmp/tim-a"}'] as const;
export const LOGIN_ARGS = ['alice', 'sig-alice'] as const;

/** A frame in one short word, to compare what a connection carried: `hello:3+resume`, `TIMLogin`, `TIMMsgSendMessage#<id>`. */
export function describeFrame(frame: ClientFrame): string {
  if (frame.type === 'hello') {
    return `hello:${frame.lastEventSeq}${frame.resume ? '+resume' : ''}`;
  }
  return `${frame.api}${frame.messageId ? `#${frame.messageId}` : ''}`;
}

export class EndpointFixture {
  /** Replaced in each test; a test may also replace it itself (a server restarted on the same port). */
  server!: ScriptedServer;
  logs: string[] = [];
  private endpoints: EmulatorEndpoint[] = [];

  /** Registers the mocha hooks of the enclosing `describe`. */
  constructor(private readonly defaults: Partial<EmulatorEndpointOptions> = {}) {
    beforeEach(async () => {
      this.server = await ScriptedServer.start();
      this.endpoints = [];
      this.logs = [];
    });
    afterEach(async () => {
      await Promise.all(this.endpoints.map((endpoint) => endpoint.dispose()));
      await this.server.close();
    });
  }

  open(options: Partial<EmulatorEndpointOptions> = {}): EmulatorEndpoint {
    const endpoint = new EmulatorEndpoint({
      url: this.server.url,
      reconnect: { initialDelayMs: 10, maxDelayMs: 40 },
      defaultTimeoutMs: 4000,
      log: (line) => this.logs.push(line),
      ...this.defaults,
      ...options,
    });
    this.endpoints.push(endpoint);
    return endpoint;
  }

  /** An endpoint initialised and logged in as alice, as the typed client would leave it. */
  async openSession(options: Partial<EmulatorEndpointOptions> = {}): Promise<EmulatorEndpoint> {
    const endpoint = this.open(options);
    assert.equal((await endpoint.call('TIMInit', [...INIT_ARGS])).code, 0);
    assert.equal((await endpoint.call('TIMLogin', [...LOGIN_ARGS])).code, 0);
    return endpoint;
  }
}
