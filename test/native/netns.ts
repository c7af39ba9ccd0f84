/**
 * The network guard for everything that runs libImSDK beyond TIMGetSDKVersion: TIMInit connects to
 * Tencent's public addresses, and on these machines only loopback traffic is allowed. A process is
 * safe only inside an empty network namespace (`unshare -n`), where `lo` is the only interface.
 */
import fs from 'node:fs';

/** The network interfaces this process can see, other than loopback. */
export function nonLoopbackInterfaces(): string[] {
  // /proc/self/net/dev shows this process's network namespace. /sys/class/net does NOT: sysfs keeps
  // showing the namespace it was mounted in, so inside `unshare -n` it still lists eth0.
  let names: string[];
  try {
    names = fs
      .readFileSync('/proc/self/net/dev', 'utf8')
      .split('\n')
      .slice(2)
      .map((line) => line.split(':')[0].trim())
      .filter(Boolean);
  } catch {
    // Not Linux (no procfs): cannot prove isolation, so assume the worst.
    return ['(cannot list network interfaces)'];
  }
  return names.filter((name) => name !== 'lo');
}

/** Throws, loudly, unless the process is in a network namespace with nothing but loopback. */
export function assertNoNetwork(what: string): void {
  const others = nonLoopbackInterfaces();
  if (others.length > 0) {
    const message =
      `REFUSING to run ${what}: this process can reach the network through ${others.join(', ')}. ` +
      'libImSDK connects to Tencent as soon as it is initialised; run it only inside `unshare -n` ' +
      '(npm run test:native does).';
    console.error(message);
    throw new Error(message);
  }
}
