/**
 * The demo team `npm start` seeds into tim-emulator: a few people, a C2C chat and group chats with
 * code, a reply, reactions, a pinned welcome message that asked for read receipts (read by two members)
 * and an @-mention of the demo user in them, and one group with a long history (10,000 messages) to
 * show paging and virtualisation. The demo user has starred the C2C chat with Carol (a conversation mark),
 * and Developers needs approval to join: Erin has asked, so the demo user has a request to decide. The
 * demo user and her teammates Bob, Carol and Dave are friends (both ways), and Erin, from outside the
 * team, has asked the demo user to be friends, so the Contacts view has friends and a request to show.
 */

/**
 * One seeded message; `replyTo` is the index of an earlier message in the same conversation, `reactions`
 * maps a reaction id (a Unicode emoji) to the users who reacted with it, `pinnedBy` is the group owner or
 * admin who pinned it (group messages), `needReadReceipt` sends it asking for read receipts and `readBy`
 * lists who reported having read it (participants other than the sender).
 */
export interface DemoMessage {
  readonly from: string;
  readonly to?: string;
  readonly group?: string;
  readonly text: string;
  readonly mentions?: readonly string[];
  readonly replyTo?: number;
  readonly reactions?: Readonly<Record<string, readonly string[]>>;
  readonly pinnedBy?: string;
  readonly needReadReceipt?: boolean;
  readonly readBy?: readonly string[];
}

export interface DemoSeed {
  /**
   * `marks`: the user's conversation marks, conversation id ("c2c_<user>", "group_<group>") to
   * TIMConversationMarkType bits; `friends`: users who are the user's friends, both ways.
   */
  readonly users: ReadonlyArray<{ id: string; nick: string; marks?: Readonly<Record<string, number>>; friends?: readonly string[] }>;
  /**
   * `addOption`: TIMGroupAddOption (2 anyone, 1 after approval, 0 nobody by asking); `joinRequests`: users
   * who asked to join (as TIMGroupJoin with `msg`), waiting for the owner or an admin.
   */
  readonly groups: ReadonlyArray<{ id: string; name: string; type: number; owner: string; members: string[]; addOption?: number; joinRequests?: ReadonlyArray<{ user: string; msg: string }> }>;
  readonly messages: readonly DemoMessage[];
  /** Friend requests waiting for their target (as TIMFriendshipAddFriend makes them, with `wording`). */
  readonly friendRequests?: ReadonlyArray<{ from: string; to: string; wording: string; source?: string }>;
}

export const DEMO_USER = 'alice';
export const LONG_HISTORY_GROUP = 'history';
export const LONG_HISTORY_COUNT = 10_000;
/** TIMConversationMarkType.Star. */
export const STAR_MARK = 1;
/** The demo user's friends: her teammates in Developers. */
export const DEMO_FRIENDS = ['bob', 'carol', 'dave'];
/** Who asked the demo user to be friends, and with what words. */
export const DEMO_FRIEND_REQUEST = { from: 'erin', to: DEMO_USER, wording: 'Hi Alice, I work on the parser too. Shall we connect?', source: 'AddSource_Type_Search' };

const TOPICS = ['the build', 'the release', 'code review', 'the flaky test', 'the emulator', 'the tree view', 'search', 'paging', 'the webview', 'CI'];

export function demoTeam(): DemoSeed {
  const users = [
    { id: 'alice', nick: 'Alice Chen', marks: { c2c_carol: STAR_MARK }, friends: DEMO_FRIENDS },
    { id: 'bob', nick: 'Bob Li' },
    { id: 'carol', nick: 'Carol Wang' },
    { id: 'dave', nick: 'Dave Zhang' },
    { id: 'erin', nick: 'Erin Zhou' },
  ];
  const groups = [
    {
      id: 'dev',
      name: 'Developers',
      type: 0,
      owner: 'alice',
      members: ['bob', 'carol', 'dave'],
      addOption: 1,
      joinRequests: [{ user: 'erin', msg: 'I maintain the parser; may I join?' }],
    },
    { id: LONG_HISTORY_GROUP, name: 'Long History', type: 0, owner: 'bob', members: ['alice', 'carol'] },
  ];
  const flakyTest: DemoMessage = { from: 'carol', group: 'dev', text: 'I will look at the flaky test in CI.', reactions: { '👀': ['dave', 'alice'] } };
  const messages: DemoMessage[] = [
    { from: 'bob', to: 'alice', text: 'Hi Alice! Did you see the new TIM Chat build?' },
    { from: 'alice', to: 'bob', text: 'Yes, **it works** on the emulator. Try `npm start`.' },
    { from: 'bob', to: 'alice', reactions: { '👍': ['alice'] }, text: 'Here is the fix for the parser:\n\n```ts\nexport function parse(text: string): number {\n  return Number.parseInt(text, 10);\n}\n```' },
    { from: 'carol', to: 'alice', text: '你好！今天的代码评审在三点开始。' },
    { from: 'alice', group: 'dev', text: 'Welcome to the Developers group 👋', pinnedBy: 'alice', needReadReceipt: true, readBy: ['bob', 'carol'] },
    { from: 'dave', group: 'dev', text: 'Release notes are in docs/, see https://example.com/release' },
    flakyTest,
    {
      from: 'dave',
      group: 'dev',
      text: 'Until then, the retry helper from code review:\n\n```ts\n// Retries a flaky call a few times before giving up.\nexport async function retry<T>(call: () => Promise<T>, attempts = 3): Promise<T> {\n  for (let i = 1; ; i++) {\n    try {\n      return await call();\n    } catch (error) {\n      if (i >= attempts) throw error;\n    }\n  }\n}\n```',
    },
  ];
  messages.push(
    {
      from: 'bob',
      group: 'dev',
      text: 'Found it: the test waits 100 ms for a 200 ms timer.',
      replyTo: messages.indexOf(flakyTest),
      reactions: { '🎉': ['carol', 'alice'], '👍': ['dave'] },
    },
    { from: 'carol', group: 'dev', text: '@Alice Chen could you review the retry helper before the release?', mentions: [DEMO_USER] },
  );
  const speakers = ['bob', 'alice', 'carol'];
  for (let i = 1; i <= LONG_HISTORY_COUNT; i++) {
    const from = speakers[i % speakers.length];
    messages.push({ from, group: LONG_HISTORY_GROUP, text: `Message ${i} about ${TOPICS[i % TOPICS.length]}` });
  }
  return { users, groups, messages, friendRequests: [DEMO_FRIEND_REQUEST] };
}
