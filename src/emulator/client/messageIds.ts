/**
 * Message ids in the SDK's form, `<tinyid>-<client_time>-<rand>` (e.g.
 * "144115233874815003-1700000000-3012345678"), chosen by the endpoint so a send can be repeated after a
 * reconnect under the same id and stored once.
 *
 * The real SDK uses the user's tinyid, which the endpoint never learns; a random tinyid-like number per
 * endpoint (2^57 plus 32 random bits, the range real tinyids live in) keeps the shape. Uniqueness: the
 * rand part is a random start plus a counter, so one endpoint never repeats an id within a second, and
 * two endpoints collide only if both 32-bit draws and the second agree.
 */
import { randomInt } from 'node:crypto';

const TINYID_BASE = 2n ** 57n;
const UINT32_RANGE = 2 ** 32;

export type MessageIdGenerator = () => string;

export function createMessageIdGenerator(
  now: () => number = Date.now,
  randomUint32: () => number = () => randomInt(0, UINT32_RANGE),
): MessageIdGenerator {
  const tinyid = (TINYID_BASE + BigInt(randomUint32())).toString();
  const randStart = randomUint32();
  let counter = 0;
  return () => {
    const clientTime = Math.floor(now() / 1000);
    const rand = (randStart + counter++) % UINT32_RANGE;
    return `${tinyid}-${clientTime}-${rand}`;
  };
}
