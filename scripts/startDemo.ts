/**
 * The emulator half of `npm start`: a tim-emulator process on a free loopback port whose data folder
 * holds the seeded demo team (seeded once, kept across runs), and the environment and settings that
 * point the extension at it and sign in as the demo user, and Bob, played by a bot (demoTeammate.ts),
 * online and answering the demo user.
 */
import fs from 'node:fs';
import path from 'node:path';
import { seedEmulator, startEmulatorProcess } from '../test/harness/emulatorProcess';
import { DEMO_USER, demoTeam } from './demoTeam';
import { startDemoTeammate } from './demoTeammate';

/** The demo user's teammate a bot plays while `npm start` runs (scripts/demoTeammate.ts). */
export const DEMO_TEAMMATE = 'bob';

export interface DemoEmulator {
  readonly url: string;
  readonly env: Record<string, string>;
  readonly settings: Record<string, unknown>;
  readonly description: string;
  stop(): Promise<void>;
}

export async function startDemoEmulator(stateDir: string): Promise<DemoEmulator> {
  const dataDir = path.join(stateDir, 'emulator');
  const seededMarker = path.join(dataDir, '.demo-seeded');
  if (!fs.existsSync(seededMarker)) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    console.log('start: seeding the demo team (10,000 messages in "Long History"), once');
    seedEmulator(dataDir, demoTeam());
    fs.writeFileSync(seededMarker, new Date().toISOString());
  }
  const emulator = await startEmulatorProcess(dataDir);
  const { url } = emulator;
  const teammate = await startDemoTeammate(emulator, DEMO_TEAMMATE, DEMO_USER);
  return {
    url,
    env: { TIMCHAT_AUTO_SIGN_IN: DEMO_USER, TIMCHAT_EMULATOR_DATA: dataDir, TIMCHAT_EMULATOR_URL: url },
    settings: { 'timChat.emulator.url': url },
    description:
      `tim-emulator: ${url} (data ${dataDir}); TIM Chat signs in as "${DEMO_USER}". ${DEMO_TEAMMATE} is online and answers what you write him. ` +
      `Other demo users: bob, carol, dave, erin (\`node dist/emulator.js usersig carol --data ${dataDir}\`).`,
    stop: async () => {
      await teammate.stop().catch(() => undefined);
      await emulator.stop();
    },
  };
}
