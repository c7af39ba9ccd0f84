/**
 * The reactions TIM Chat offers, shared by the panel's picker and the host's check of what the webview
 * asks for. Reaction ids are plain emoji, so any app shows them as they are (Tencent's TUIKit uses its
 * own emoji names; those show as their text here).
 */

/** The picker's reactions, in order (any reaction already on a message can be added too). */
export const QUICK_REACTIONS: readonly string[] = ['👍', '❤️', '😄', '🎉', '😮', '😢', '👀', '🚀'];

/** The longest reaction id TIM Chat sends (the emulator refuses longer ones; docs/emulator.md). */
export const MAX_REACTION_ID_LENGTH = 100;
