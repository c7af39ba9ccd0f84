/**
 * Who may join a group and the requests to join: Who Can Join… (TIMGroupModifyGroupInfo's add option:
 * anyone, after approval, or nobody by asking) and Review Join Requests… (the waiting requests of the
 * groups the user owns or administers, each accepted or declined in turn). Who may change the option or
 * decide is TIM's rule (the group's type and the user's role); a refusal is shown as TIM gives it.
 */
import * as vscode from 'vscode';
import type { TimClient } from '../../tim/client';
import { TIMConvType, TIMGroupAddOption, TIMGroupType } from '../../tim/enums';
import { TIMGroupModifyInfoFlag, type TimGroupPendency } from '../../tim/types/group';
import { conversationKey } from '../conversations/conversationKey';
import type { ConversationStore } from '../conversations/conversationStore';
import { readGroupInfo } from '../conversations/groupProfile';
import type { JoinRequestCounts } from '../conversations/joinRequestCounts';
import { applicantName, handleJoinRequest, readJoinRequests, waitingJoinRequests } from '../conversations/joinRequests';
import { log } from '../log';
import { showInfo } from '../notify';
import type { ChatPanels } from '../panels/chatPanel';
import { inertIcons } from '../pickText';
import type { TimSession } from '../session/timSession';
import { registerCommand } from './command';
import { groupTarget } from './groupManagement';

interface Deps {
  readonly session: TimSession;
  readonly store: ConversationStore;
  readonly panels: ChatPanels;
  /** Read again after each decision, so the tree's "asking to join" follows at once. */
  readonly joinRequests?: JoinRequestCounts;
}

/** How a group's add option reads, for Group Info… and Who Can Join…. */
export function joinOptionLabel(option: number | undefined): string {
  switch (option) {
    case TIMGroupAddOption.Any:
      return vscode.l10n.t('Anyone can join');
    case TIMGroupAddOption.Auth:
      return vscode.l10n.t('Anyone can ask to join; an admin or the owner approves');
    case TIMGroupAddOption.Forbid:
      return vscode.l10n.t('Only by being added by a member');
    default:
      return vscode.l10n.t('Unknown');
  }
}

/** Group types a user joins by asking, whose add option therefore means something (not Work groups). */
export function takesJoinRequests(type: number): boolean {
  return type === TIMGroupType.Public || type === TIMGroupType.Community;
}

/**
 * Accepts or declines one request and says what happened, also when another admin decided it first.
 * `request` undefined: it was no longer waiting when read afresh (a notification's may be stale).
 */
export async function decideJoinRequest(client: TimClient, request: TimGroupPendency | undefined, accept: boolean, applicant: string, groupName: string): Promise<string> {
  if (!request || (await handleJoinRequest(client, request, accept)) === 'alreadyDecided') {
    return vscode.l10n.t("{0}'s request to join {1} was already decided by another admin.", applicant, groupName);
  }
  return accept ? vscode.l10n.t('{0} joined {1}.', applicant, groupName) : vscode.l10n.t("Declined {0}'s request to join {1}.", applicant, groupName);
}

function requestItem(request: TimGroupPendency, groupName: string, locale: string): vscode.QuickPickItem & { request: TimGroupPendency } {
  const seconds = Number(request.group_pendency_add_time);
  return {
    label: `$(person-add) ${inertIcons(vscode.l10n.t('{0} asks to join {1}', applicantName(request), groupName))}`,
    description: seconds > 0 ? new Date(seconds * 1000).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' }) : undefined,
    detail: inertIcons(request.group_pendency_apply_invite_msg ?? '') || undefined,
    request,
  };
}

export function registerJoinRequestCommands({ session, store, panels, joinRequests }: Deps): vscode.Disposable[] {
  const groupName = (groupId: string): string => store.get(conversationKey({ id: groupId, type: TIMConvType.Group }))?.name ?? groupId;
  const notAGroup = (name: string): string => vscode.l10n.t('{0} is a one-to-one chat: only groups have requests to join.', name);

  return [
    registerCommand('timChat.reviewJoinRequests', async (arg) => {
      const client = session.requireClient();
      // From a group's menu: that group's requests; from the palette or the view: every group's.
      const target = arg === undefined ? undefined : await groupTarget(arg, { store, panels }, vscode.l10n.t('Review Join Requests'), notAGroup);
      if (arg !== undefined && !target) {
        return undefined;
      }
      const decided: string[] = [];
      for (;;) {
        const waiting = waitingJoinRequests((await readJoinRequests(client)).requests, target?.ref.id);
        if (decided.length === 0) {
          // Seen: TIM counts only newer requests as unread from now on. Not worth failing the review for.
          client.groupReportPendencyReaded(Math.floor(Date.now() / 1000)).catch((error: unknown) => log().warn(`TIMGroupReportPendencyReaded: ${String(error)}`));
        }
        if (waiting.length === 0) {
          if (decided.length === 0) {
            void showInfo(
              target ? vscode.l10n.t('No requests to join {0} are waiting.', target.name) : vscode.l10n.t('No requests to join your groups are waiting.'),
            );
          }
          return decided;
        }
        const picked = await vscode.window.showQuickPick(
          waiting.map((request) => requestItem(request, groupName(request.group_pendency_group_id), vscode.env.language)),
          { title: vscode.l10n.t('Requests to Join ({0})', waiting.length), placeHolder: vscode.l10n.t('Choose a request to accept or decline'), matchOnDescription: true, matchOnDetail: true },
        );
        if (!picked) {
          return decided;
        }
        const accept = { label: `$(check) ${vscode.l10n.t('Accept')}`, accept: true };
        const decline = { label: `$(close) ${vscode.l10n.t('Decline')}`, accept: false };
        const name = groupName(picked.request.group_pendency_group_id);
        const choice = await vscode.window.showQuickPick([accept, decline], { title: vscode.l10n.t('{0} asks to join {1}', applicantName(picked.request), name) });
        if (!choice) {
          return decided;
        }
        const said = await decideJoinRequest(client, picked.request, choice.accept, applicantName(picked.request), name);
        void joinRequests?.refresh();
        decided.push(said);
        void showInfo(said);
      }
    }),
    registerCommand('timChat.setGroupJoinOption', async (arg) => {
      const client = session.requireClient();
      const target = await groupTarget(arg, { store, panels }, vscode.l10n.t('Who Can Join'), notAGroup);
      if (!target) {
        return undefined;
      }
      const info = await readGroupInfo(client, target.ref.id);
      if (!takesJoinRequests(info.group_detail_info_group_type)) {
        throw new Error(vscode.l10n.t('{0} takes no requests to join: its members add people.', target.name));
      }
      const current = info.group_detail_info_add_option;
      const options = [TIMGroupAddOption.Any, TIMGroupAddOption.Auth, TIMGroupAddOption.Forbid].map((option) => ({
        label: joinOptionLabel(option),
        description: option === current ? vscode.l10n.t('(current)') : undefined,
        option,
      }));
      const picked = await vscode.window.showQuickPick(options, { title: vscode.l10n.t('Who Can Join {0}', target.name) });
      if (!picked || picked.option === current) {
        return undefined;
      }
      await client.groupModifyGroupInfo({
        group_modify_info_param_group_id: target.ref.id,
        group_modify_info_param_modify_flag: TIMGroupModifyInfoFlag.AddOption,
        group_modify_info_param_add_option: picked.option,
      });
      void showInfo(vscode.l10n.t('{0}: {1}.', target.name, picked.label));
      return picked.option;
    }),
  ];
}
