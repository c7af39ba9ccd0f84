/**
 * Shared setup of the *.sdk.test.ts files: the network guard (imported first, so a file refuses to run
 * before anything touches libImSDK), a fresh endpoint over the real library with its storage in a temp
 * folder, and a real message as the SDK returns it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createNativeEndpoint } from '../../src/native/nativeEndpoint';
import type { NativeEndpoint } from '../../src/native/nativeEndpoint';
import { assertNoNetwork } from './netns';

export const repoRoot = path.resolve(__dirname, '..', '..');
/** Any app id works offline; nothing ever reaches Tencent from inside the namespace. */
export const SDK_APP_ID = 1400000000;
export const C2C = 1;
export const PEER = 'native_test_peer';

/** Call at the top of every SDK test file, before anything else runs. */
export function requireIsolation(file: string): void {
  assertNoNetwork(path.basename(file));
}

const storageDirs: string[] = [];
let cleanupRegistered = false;

export function newEndpoint(options: { defaultTimeoutMs?: number } = {}): NativeEndpoint {
  const storageDir = fs.mkdtempSync(path.join(os.tmpdir(), 'timchat-sdk-test-'));
  storageDirs.push(storageDir);
  const endpoint = createNativeEndpoint({ storageDir, extensionRoot: repoRoot, defaultTimeoutMs: options.defaultTimeoutMs ?? 20_000 });
  if (!cleanupRegistered) {
    // Registered after the endpoint's own exit hook, so the SDK is uninitialised before its folders go.
    cleanupRegistered = true;
    process.on('exit', () => {
      for (const dir of storageDirs) {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  }
  return endpoint;
}

/**
 * A message exactly as libImSDK 8.0.5903 called back with it (an offline TIMMsgSendMessage, 6014):
 * message_unique_id is above 2^53, so it also proves the JSON goes back unchanged.
 */
export const SDK_MESSAGE_JSON =
  '{"message_client_time":1795651976,"message_cloud_custom_str":"","message_conv_id":"native_test_peer","message_conv_type":1,' +
  '"message_custom_int":0,"message_custom_str":"","message_elem_array":[{"elem_type":0,"text_elem_content":"hi"}],' +
  '"message_excluded_from_last_message":false,"message_group_receipt_read_count":0,"message_group_receipt_unread_count":-1,' +
  '"message_has_sent_receipt":false,"message_is_broadcast_message":false,"message_is_excluded_from_unread_count":false,' +
  '"message_is_from_self":true,"message_is_online_msg":false,"message_is_peer_read":false,"message_is_read":true,' +
  '"message_msg_id":"-1795651976-3785460887","message_need_read_receipt":false,"message_platform":0,"message_priority":1,' +
  '"message_rand":3785460887,"message_receipt_peer_read":false,"message_sender":"","message_seq":0,"message_server_time":0,' +
  '"message_status":2,"message_support_message_extension":false,"message_unique_id":7712266515703237783,"message_version":0}';
