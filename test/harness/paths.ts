/** Where the test harness finds the project and puts its output (screenshots, logs, results). */
import fs from 'node:fs';
import path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..', '..');

/** Test artifacts (screenshots, server logs); git-ignored, kept after the run for people to look at. */
export const testOutputDir = process.env.TIMCHAT_TEST_OUTPUT ?? path.join(repoRoot, '.test-output');

export function outputPath(...segments: string[]): string {
  const file = path.join(testOutputDir, ...segments);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  return file;
}

/** A fresh folder under the test output for one run's throwaway state (profiles, user data). */
export function freshRunDir(name: string): string {
  const dir = path.join(testOutputDir, 'runs', `${name}-${process.pid}-${Date.now().toString(36)}`);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}
