/**
 * Reads the machine type from a shared library's header (ELF, PE, Mach-O) so the loader can say
 * "wrong architecture" in plain words instead of relaying a cryptic dlopen error.
 */

const ELF_MACHINES: Readonly<Record<number, string>> = { 3: 'ia32', 40: 'arm', 62: 'x64', 183: 'arm64' };
const PE_MACHINES: Readonly<Record<number, string>> = { 0x14c: 'ia32', 0x8664: 'x64', 0xaa64: 'arm64' };
const MACHO_CPUS: Readonly<Record<number, string>> = { 7: 'ia32', 0x01000007: 'x64', 12: 'arm', 0x0100000c: 'arm64' };

interface Detected {
  readonly format: 'ELF' | 'PE' | 'Mach-O';
  readonly arches: readonly string[];
}

/** Format and architectures of the file whose first bytes are `header`, or undefined when unknown. */
export function detectArchitecture(header: Buffer): Detected | undefined {
  if (header.length >= 20 && header.readUInt32BE(0) === 0x7f454c46) {
    const littleEndian = header[5] === 1;
    const machine = littleEndian ? header.readUInt16LE(18) : header.readUInt16BE(18);
    return { format: 'ELF', arches: [ELF_MACHINES[machine] ?? `machine ${machine}`] };
  }
  if (header.length >= 64 && header.readUInt16LE(0) === 0x5a4d) {
    const peOffset = header.readUInt32LE(0x3c);
    if (peOffset + 6 <= header.length && header.readUInt32LE(peOffset) === 0x4550) {
      const machine = header.readUInt16LE(peOffset + 4);
      return { format: 'PE', arches: [PE_MACHINES[machine] ?? `machine 0x${machine.toString(16)}`] };
    }
  }
  if (header.length >= 8) {
    const magicBE = header.readUInt32BE(0);
    if (magicBE === 0xcafebabe) {
      const count = header.readUInt32BE(4);
      const arches: string[] = [];
      for (let i = 0; i < count && 8 + i * 20 + 4 <= header.length; i++) {
        const cpu = header.readUInt32BE(8 + i * 20);
        arches.push(MACHO_CPUS[cpu] ?? `cpu ${cpu}`);
      }
      return { format: 'Mach-O', arches };
    }
    const magicLE = header.readUInt32LE(0);
    if (magicLE === 0xfeedfacf || magicLE === 0xfeedface) {
      const cpu = header.readUInt32LE(4);
      return { format: 'Mach-O', arches: [MACHO_CPUS[cpu] ?? `cpu ${cpu}`] };
    }
  }
  return undefined;
}

const FORMAT_OF: Partial<Record<NodeJS.Platform, Detected['format']>> = { linux: 'ELF', win32: 'PE', darwin: 'Mach-O' };

/** A sentence saying why this library cannot run here, or undefined when it matches (or is unknown). */
export function describeArchitecture(header: Buffer, platform: NodeJS.Platform, arch: string): string | undefined {
  const detected = detectArchitecture(header);
  if (!detected) {
    return 'not a shared library (unrecognised file header)';
  }
  const expected = FORMAT_OF[platform];
  if (expected && detected.format !== expected) {
    return `wrong platform: a ${detected.format} library, this is ${platform} (needs ${expected})`;
  }
  if (!detected.arches.includes(arch)) {
    return `wrong architecture: the library is ${detected.arches.join('+')}, this process is ${arch}`;
  }
  return undefined;
}
