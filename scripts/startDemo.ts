/**
 * The emulator half of `npm start`: a tim-emulator with a seeded demo team, and the environment and
 * settings that point the extension at it. Until the emulator is built this reports that and the
 * extension starts signed out.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface DemoEmulator {
  readonly env: Record<string, string>;
  readonly settings: Record<string, unknown>;
  readonly description: string;
  stop(): Promise<void>;
}

export async function startDemoEmulator(stateDir: string): Promise<DemoEmulator> {
  const cli = path.resolve(__dirname, '..', 'src/emulator/cli.ts');
  if (!fs.existsSync(cli)) {
    return { env: {}, settings: {}, description: 'tim-emulator is not part of this build yet: the extension starts signed out.', stop: async () => undefined };
  }
  void stateDir;
  return { env: {}, settings: {}, description: 'tim-emulator: not started', stop: async () => undefined };
}
