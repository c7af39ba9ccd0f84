/**
 * The custom messages Tencent's own chat UIs (TUIKit, TUICallKit) send, read from a custom element's
 * data, so a team that also uses those apps sees them here as they show there instead of "Custom
 * message" and raw JSON. The element data is a JSON object naming its kind:
 *   text_link     {"businessID":"text_link","text":"…","link":"https://…"}          a text with a link
 *   order         {"businessID":"order","title","description","price","link",…}     an order card
 *   evaluation    {"businessID":"evaluation","score":1-5,"comment":"…"}              a rating
 *   group_create  {"businessID":"group_create","opUser":"…","content":"…","cmd":0}   "X created the group" (cmd 1: a community)
 *   a call record {"businessID":1,"actionType":1-5,"inviter","inviteeList","groupID","timeout",
 *                  "data":"{\"call_type\":1|2,\"call_end\":seconds,\"data\":{\"cmd\":…}}"}
 * Call records are TUICallKit's signalling messages: actionType 1 invite (with `call_end`, the call's
 * end and its length), 2 cancel, 3 accept, 4 reject (busy when the callee was in another call), 5 no
 * answer; `cmd` switchToAudio/switchToVideo marks a switch. Read as TUIKit's web and mini-program
 * chats read them. Pure (no vscode), so it is unit-tested; messageView turns it into what the chat shows.
 */

export type CallAction = 'invited' | 'ended' | 'groupEnded' | 'cancelled' | 'accepted' | 'declined' | 'busy' | 'noAnswer' | 'switchedToAudio' | 'switchedToVideo';

export type TuikitCustom =
  | { readonly type: 'textLink'; readonly text: string; readonly link: string }
  | { readonly type: 'order'; readonly title: string; readonly description: string; readonly price: string; readonly link: string }
  | { readonly type: 'evaluation'; readonly score: number; readonly comment: string }
  | { readonly type: 'groupCreated'; readonly operator: string; readonly community: boolean }
  | {
      readonly type: 'call';
      readonly action: CallAction;
      readonly video: boolean;
      /** Seconds, for an ended one-to-one call. */
      readonly durationSeconds?: number;
      readonly inviter: string;
      readonly invitees: readonly string[];
      /** Set when the call was in a group (TUIKit shows those as tips, not bubbles). */
      readonly inGroup: boolean;
    };

/** TUICallKit's signalling business id. */
const CALL_BUSINESS_ID = 1;
/** Longest text kept from any field: these come from other apps, and a card shows a few lines. */
const FIELD_MAX = 2000;

type Json = Record<string, unknown>;

function objectOf(value: unknown): Json | undefined {
  if (typeof value === 'string') {
    try {
      return objectOf(JSON.parse(value));
    } catch {
      return undefined;
    }
  }
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.slice(0, FIELD_MAX) : typeof value === 'number' && Number.isFinite(value) ? String(value) : '';
}

function userIds(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((id): id is string => typeof id === 'string' && id.length > 0).slice(0, 50) : [];
}

function callAction(actionType: unknown, record: Json, call: Json): CallAction | undefined {
  const cmd = text(objectOf(call.data)?.cmd);
  const switched: CallAction | undefined = cmd === 'switchToAudio' ? 'switchedToAudio' : cmd === 'switchToVideo' ? 'switchedToVideo' : undefined;
  const inGroup = text(record.groupID) !== '';
  switch (actionType) {
    case 1:
      if (typeof call.call_end === 'number' && call.call_end >= 0 && !inGroup) {
        return 'ended';
      }
      if (inGroup) {
        return typeof record.timeout === 'number' && record.timeout > 0 ? 'invited' : 'groupEnded';
      }
      return switched ?? 'invited';
    case 2:
      return 'cancelled';
    case 3:
      return switched ?? 'accepted';
    case 4:
      // A callee already in a call rejects with line_busy (older TUICallKit: "lineBusy" in the inner data).
      return 'line_busy' in call || objectOf(call.data)?.message === 'lineBusy' ? 'busy' : 'declined';
    case 5:
      return switched ?? 'noAnswer';
    default:
      return undefined;
  }
}

function callRecord(record: Json): TuikitCustom | undefined {
  const call = objectOf(record.data) ?? {};
  const action = callAction(record.actionType, record, call);
  if (action === undefined) {
    return undefined;
  }
  const cmd = text(objectOf(call.data)?.cmd);
  const video = call.call_type === 2 || cmd === 'videoCall' || cmd === 'switchToVideo';
  const durationSeconds = action === 'ended' && typeof call.call_end === 'number' ? Math.floor(call.call_end) : undefined;
  return {
    type: 'call',
    action,
    video,
    ...(durationSeconds !== undefined ? { durationSeconds } : {}),
    inviter: text(record.inviter),
    invitees: userIds(record.inviteeList),
    inGroup: text(record.groupID) !== '',
  };
}

/** The TUIKit message a custom element's data holds, or undefined for anything else (shown as before). */
export function parseTuikitCustom(data: string): TuikitCustom | undefined {
  const record = objectOf(data);
  if (record === undefined) {
    return undefined;
  }
  switch (record.businessID) {
    case CALL_BUSINESS_ID:
      return callRecord(record);
    case 'text_link': {
      const body = text(record.text);
      return body || text(record.link) ? { type: 'textLink', text: body, link: text(record.link) } : undefined;
    }
    case 'order': {
      const title = text(record.title);
      return title ? { type: 'order', title, description: text(record.description), price: text(record.price), link: text(record.link) } : undefined;
    }
    case 'evaluation': {
      // TUIKit shows a rating under 1 as 1 star (its handleCustomMessageShowContext).
      const score = typeof record.score === 'number' && Number.isFinite(record.score) ? Math.min(5, Math.max(1, Math.round(record.score))) : 1;
      return { type: 'evaluation', score, comment: text(record.comment) };
    }
    case 'group_create':
      return { type: 'groupCreated', operator: text(record.opUser), community: record.cmd === 1 };
    default:
      return undefined;
  }
}
