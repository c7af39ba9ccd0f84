/**
 * Tencent's tls-sig-api-v2 UserSig: generation (for tim-emulator and for real Tencent Cloud apps, from
 * the app's secret key) and verification (tim-emulator's login check).
 *
 * Format: JSON {TLS.ver, TLS.identifier, TLS.sdkappid, TLS.expire, TLS.time, TLS.sig[, TLS.userbuf]},
 * zlib-deflated, base64 with Tencent's URL substitutions ('+' -> '*', '/' -> '-', '=' -> '_'). TLS.sig
 * is base64(HMAC-SHA256(secretKey, content)) over the documented "TLS.key:value\n" content string.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { deflateSync, inflateSync } from 'node:zlib';

/** TIM's server codes for UserSig failures. */
export const UserSigCode = {
  EXPIRED: 70001,
  EMPTY: 70002,
  CHECK_FAILED: 70003,
  MISMATCH_ID: 70013,
  MISMATCH_SDKAPPID: 70014,
  INVALID: 70052,
} as const;

export interface UserSigOptions {
  readonly sdkAppId: number;
  readonly secretKey: string;
  readonly userId: string;
  /** Lifetime in seconds (Tencent's default is 180 days). */
  readonly expireSeconds?: number;
  /** Issue time in seconds; defaults to now (tests pass it to make expired sigs). */
  readonly nowSeconds?: number;
  /** Optional binary user buffer (privilege maps); rarely used. */
  readonly userBuf?: Uint8Array;
}

export interface DecodedUserSig {
  readonly version: string;
  readonly identifier: string;
  readonly sdkAppId: number;
  readonly time: number;
  readonly expire: number;
  readonly sig: string;
  readonly userBuf?: string;
}

export type UserSigCheck =
  | { readonly ok: true; readonly sig: DecodedUserSig }
  | { readonly ok: false; readonly code: number; readonly desc: string };

const DEFAULT_EXPIRE = 180 * 24 * 3600;

function base64UrlTencent(data: Buffer): string {
  return data.toString('base64').replace(/\+/g, '*').replace(/\//g, '-').replace(/=/g, '_');
}

function unbase64UrlTencent(text: string): Buffer {
  return Buffer.from(text.replace(/\*/g, '+').replace(/-/g, '/').replace(/_/g, '='), 'base64');
}

function hmacContent(
  secretKey: string,
  identifier: string,
  sdkAppId: number,
  time: number,
  expire: number,
  userBuf: string | undefined,
): string {
  let content =
    `TLS.identifier:${identifier}\n` +
    `TLS.sdkappid:${sdkAppId}\n` +
    `TLS.time:${time}\n` +
    `TLS.expire:${expire}\n`;
  if (userBuf !== undefined) {
    content += `TLS.userbuf:${userBuf}\n`;
  }
  return createHmac('sha256', secretKey).update(content, 'utf8').digest('base64');
}

/** Generates a UserSig exactly as Tencent's TLSSigAPIv2.genUserSig / genPrivateMapKey do. */
export function genUserSig(options: UserSigOptions): string {
  const time = options.nowSeconds ?? Math.floor(Date.now() / 1000);
  const expire = options.expireSeconds ?? DEFAULT_EXPIRE;
  const userBuf = options.userBuf === undefined ? undefined : Buffer.from(options.userBuf).toString('base64');
  const doc: Record<string, string | number> = {
    'TLS.ver': '2.0',
    'TLS.identifier': options.userId,
    'TLS.sdkappid': options.sdkAppId,
    'TLS.expire': expire,
    'TLS.time': time,
    'TLS.sig': hmacContent(options.secretKey, options.userId, options.sdkAppId, time, expire, userBuf),
  };
  if (userBuf !== undefined) {
    doc['TLS.userbuf'] = userBuf;
  }
  return base64UrlTencent(deflateSync(Buffer.from(JSON.stringify(doc), 'utf8')));
}

/** Decodes without checking the signature; undefined when the text is not a tls-sig-api-v2 sig. */
export function decodeUserSig(userSig: string): DecodedUserSig | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(inflateSync(unbase64UrlTencent(userSig)).toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof doc !== 'object' || doc === null) {
    return undefined;
  }
  const record = doc as Record<string, unknown>;
  const identifier = record['TLS.identifier'];
  const sdkAppId = record['TLS.sdkappid'];
  const time = record['TLS.time'];
  const expire = record['TLS.expire'];
  const sig = record['TLS.sig'];
  const userBuf = record['TLS.userbuf'];
  const version = record['TLS.ver'];
  if (
    typeof identifier !== 'string' ||
    typeof sdkAppId !== 'number' ||
    typeof time !== 'number' ||
    typeof expire !== 'number' ||
    typeof sig !== 'string' ||
    (userBuf !== undefined && typeof userBuf !== 'string')
  ) {
    return undefined;
  }
  return {
    version: typeof version === 'string' ? version : '',
    identifier,
    sdkAppId,
    time,
    expire,
    sig,
    ...(userBuf === undefined ? {} : { userBuf }),
  };
}

/**
 * Verifies a UserSig for a login: signature, app id, identifier and expiry, each failure with TIM's
 * code. The order follows the server's: a sig that cannot be read or whose HMAC is wrong fails before
 * the identity checks.
 */
export function verifyUserSig(
  userSig: string,
  expected: { readonly sdkAppId: number; readonly secretKey: string; readonly userId: string; readonly nowSeconds?: number },
): UserSigCheck {
  if (userSig.length === 0) {
    return { ok: false, code: UserSigCode.EMPTY, desc: 'usersig is empty' };
  }
  const decoded = decodeUserSig(userSig);
  if (decoded === undefined) {
    return { ok: false, code: UserSigCode.INVALID, desc: 'usersig is not a valid tls-sig-api-v2 signature' };
  }
  if (decoded.sdkAppId !== expected.sdkAppId) {
    return { ok: false, code: UserSigCode.MISMATCH_SDKAPPID, desc: 'sdkappid in usersig does not match' };
  }
  if (decoded.identifier !== expected.userId) {
    return { ok: false, code: UserSigCode.MISMATCH_ID, desc: 'identifier in usersig does not match the user' };
  }
  const want = Buffer.from(
    hmacContent(expected.secretKey, decoded.identifier, decoded.sdkAppId, decoded.time, decoded.expire, decoded.userBuf),
  );
  const got = Buffer.from(decoded.sig);
  if (want.length !== got.length || !timingSafeEqual(want, got)) {
    return { ok: false, code: UserSigCode.CHECK_FAILED, desc: 'usersig signature check failed' };
  }
  const now = expected.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (decoded.time + decoded.expire < now) {
    return { ok: false, code: UserSigCode.EXPIRED, desc: 'usersig expired' };
  }
  return { ok: true, sig: decoded };
}
