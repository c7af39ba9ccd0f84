/** A group's profile as TIMGroupGetGroupInfoList gives it: for Group Info… and the chat panel's notice. */
import * as vscode from 'vscode';
import type { TimClient } from '../../tim/client';
import { TimError } from '../../tim/errors';
import type { TimGroupDetailInfo } from '../../tim/types/group';

/** The group's details, or TIM's reason it cannot be read (as a TimError, so the user sees the code). */
export async function readGroupInfo(client: TimClient, groupId: string): Promise<TimGroupDetailInfo> {
  const [result] = await client.groupGetGroupInfoList([groupId]);
  if (!result || result.get_groups_info_result_code !== 0 || !result.get_groups_info_result_info) {
    throw new TimError(result?.get_groups_info_result_code ?? -1, result?.get_groups_info_result_desc || vscode.l10n.t('no answer for {0}', groupId), 'TIMGroupGetGroupInfoList');
  }
  return result.get_groups_info_result_info;
}

