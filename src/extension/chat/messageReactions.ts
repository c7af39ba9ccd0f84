/**
 * The reactions of the messages one chat panel shows: read with the pages of history (20 messages per
 * TIMMsgGetMessageReactions, TIM's limit), kept current from MsgReactionsChanged, and the user's own
 * added or removed. Views are attached to each message view by the controller.
 */
import type { ReactionView } from '../../shared/chatModel';
import type { TimClient } from '../../tim/client';
import { TimErrorCode } from '../../tim/errorCodes';
import { TimError } from '../../tim/errors';
import { MAX_REACTION_MESSAGES, MAX_REACTION_USERS_LISTED, MAX_REACTION_USERS_PAGE } from '../../tim/messageReactionApi';
import type { TimMessage } from '../../tim/types/message';
import type { TimMessageReactionChangeInfo, TimReactionUser } from '../../tim/types/messageReaction';
import { isAllowedReaction, mergeReactionChanges, type ReactionNames, reactionViewsOf } from './reactionViews';

/** Errors for the user, in the display language (the controller translates them). */
export interface ReactionErrors {
  /** Not a reaction the panel offers or the message has. */
  invalid(): Error;
  /** TIM's 23005: the message has as many different reactions as TIM allows (10). */
  tooManyReactions(): Error;
  /** TIM's 23006: as many users reacted so as TIM allows (100). */
  tooManyUsers(): Error;
  /** The TIM app has no reactions (60020, 7013). */
  unavailable(): Error;
}

/**
 * Answers meaning the TIM app has no reactions at all (a feature of Tencent's paid editions):
 * the service is not enabled (60020), or the SDK does not offer the interface (7013).
 */
const UNAVAILABLE: ReadonlySet<number> = new Set([TimErrorCode.ERR_SVR_COMM_INVALID_SERVICE, TimErrorCode.ERR_SDK_INTERFACE_NOT_SUPPORT]);

/** Pages of a reaction's users read at most (TIM holds 100 users per reaction: one page, normally). */
const MAX_USER_PAGES = 20;

/** TIM's "already reacted" and "not reacted": the panel's state was behind; reading it again settles it. */
const OUT_OF_STEP: ReadonlySet<number> = new Set([TimErrorCode.ERR_SVR_MSG_REACTION_ALREADY_CONTAIN_USER, TimErrorCode.ERR_SVR_MSG_REACTION_NOT_CONTAIN_USER]);

export class MessageReactions {
  private readonly byMessage = new Map<string, readonly ReactionView[]>();
  private unavailable = false;

  constructor(
    private readonly client: () => TimClient,
    private readonly names: () => ReactionNames,
    private readonly warn: (message: string) => void,
    /** TIM said the app has no reactions (once per signed-in client, see `available`). */
    private readonly onUnavailable: () => void = () => undefined,
  ) {}

  /** False once TIM said this app has no reactions; nothing more is asked of it then. */
  get available(): boolean {
    return !this.unavailable;
  }

  /** A new sign-in (perhaps to another app): ask TIM again. */
  reset(): void {
    this.unavailable = false;
    this.byMessage.clear();
  }

  /** True when `error` says the app has no reactions; then they are off for this panel (and it is told). */
  private isUnavailable(error: unknown): boolean {
    if (!(error instanceof TimError && UNAVAILABLE.has(error.code))) {
      return false;
    }
    if (!this.unavailable) {
      this.unavailable = true;
      this.onUnavailable();
    }
    return true;
  }

  /** The message's reactions, or undefined when it has none (or they are not known). */
  of(id: string): readonly ReactionView[] | undefined {
    return this.byMessage.get(id);
  }

  forget(ids: readonly string[]): void {
    for (const id of ids) {
      this.byMessage.delete(id);
    }
  }

  private set(id: string, views: readonly ReactionView[]): void {
    if (views.length > 0) {
      this.byMessage.set(id, views);
    } else {
      this.byMessage.delete(id);
    }
  }

  /**
   * Reads the reactions of sent messages. A failure (an account without reactions, say) leaves them as
   * they were and is logged: history shows without them rather than not at all.
   */
  async load(messages: readonly TimMessage[]): Promise<void> {
    if (this.unavailable) {
      return;
    }
    const chunks: TimMessage[][] = [];
    for (let i = 0; i < messages.length; i += MAX_REACTION_MESSAGES) {
      chunks.push(messages.slice(i, i + MAX_REACTION_MESSAGES));
    }
    await Promise.all(chunks.map(async (chunk) => {
      try {
        const results = await this.client().msgGetMessageReactions(chunk, MAX_REACTION_USERS_LISTED);
        for (const result of results) {
          if (result.message_reaction_result_code === 0) {
            this.set(result.message_reaction_result_msg_id, reactionViewsOf(result.message_reaction_result_reaction_list ?? [], this.names()));
          }
        }
      } catch (error: unknown) {
        if (!this.isUnavailable(error)) {
          this.warn(`reactions of ${chunk.length} messages not read: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    }));
  }

  /** Applies TIM's change event to the messages `isShown` accepts; the ids of those that changed. */
  applyChanges(changes: readonly TimMessageReactionChangeInfo[], isShown: (id: string) => boolean): string[] {
    const changed: string[] = [];
    for (const change of changes) {
      const id = change.message_reaction_change_info_msg_id;
      if (typeof id !== 'string' || !isShown(id)) {
        continue;
      }
      this.set(id, mergeReactionChanges(this.of(id) ?? [], change.message_reaction_change_info_reaction_list ?? [], this.names()));
      changed.push(id);
    }
    return changed;
  }

  /** Everyone who reacted to `message` with `reactionId`, page by page, in the order they reacted. */
  async allUsers(message: TimMessage, reactionId: string): Promise<TimReactionUser[]> {
    const users: TimReactionUser[] = [];
    let nextSeq = 0;
    for (let page = 0; page < MAX_USER_PAGES; page++) {
      const result = await this.client().msgGetAllUserListOfMessageReaction(message, reactionId, nextSeq, MAX_REACTION_USERS_PAGE);
      users.push(...(result.message_reaction_user_result_user_info_array ?? []));
      if (result.message_reaction_user_result_is_finished || !result.message_reaction_user_result_next_seq) {
        break;
      }
      nextSeq = result.message_reaction_user_result_next_seq;
    }
    return users;
  }

  /**
   * Adds the user's reaction, or removes it when the user already reacted so; then reads the message's
   * reactions again (TIM answers with none). Throws for a reaction the panel may not ask for.
   */
  async toggle(message: TimMessage, reaction: unknown, errors: ReactionErrors): Promise<void> {
    if (this.unavailable) {
      throw errors.unavailable();
    }
    const current = this.of(message.message_msg_id) ?? [];
    if (!isAllowedReaction(reaction, current)) {
      throw errors.invalid();
    }
    const client = this.client();
    try {
      if (current.some((view) => view.id === reaction && view.mine)) {
        await client.msgRemoveMessageReaction(message, reaction);
      } else {
        await client.msgAddMessageReaction(message, reaction);
      }
    } catch (error: unknown) {
      if (this.isUnavailable(error)) {
        throw errors.unavailable();
      }
      if (error instanceof TimError && error.code === TimErrorCode.ERR_SVR_MSG_REACTION_COUNT_LIMIT) {
        throw errors.tooManyReactions();
      }
      if (error instanceof TimError && error.code === TimErrorCode.ERR_SVR_MSG_REACTION_USER_COUNT_LIMIT) {
        throw errors.tooManyUsers();
      }
      if (!(error instanceof TimError && OUT_OF_STEP.has(error.code))) {
        throw error;
      }
    }
    await this.load([message]);
  }
}
