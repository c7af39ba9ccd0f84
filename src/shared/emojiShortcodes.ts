/**
 * TIM Chat's emoji: the composer completes them from ":shortcode" (webview/emojiCompletion.ts), its emoji
 * panel shows them, and they are the reactions offered beyond the quick ones (the host accepts these and
 * no others from the panel). The names are those GitHub and Slack use, so fingers trained there work
 * here, with a Chinese name each for users who type ":笑". Ordered roughly by how often a team chat uses
 * them: among equally good matches the earlier one is listed first. Shortcodes are lower case ASCII
 * letters, digits, '_', '+' and '-'.
 */
export interface EmojiShortcode {
  readonly code: string;
  readonly emoji: string;
  /** Chinese name (Simplified). */
  readonly zh: string;
}

const TABLE: ReadonlyArray<readonly [code: string, emoji: string, zh: string]> = [
  ['+1', '👍', '赞'],
  ['thumbsup', '👍', '赞'],
  ['-1', '👎', '踩'],
  ['thumbsdown', '👎', '踩'],
  ['heart', '❤️', '爱心'],
  ['smile', '😄', '笑'],
  ['joy', '😂', '笑哭'],
  ['rofl', '🤣', '笑得打滚'],
  ['slightly_smiling_face', '🙂', '微笑'],
  ['grin', '😁', '露齿笑'],
  ['sweat_smile', '😅', '苦笑'],
  ['wink', '😉', '眨眼'],
  ['blush', '😊', '害羞'],
  ['heart_eyes', '😍', '花痴'],
  ['thinking', '🤔', '思考'],
  ['neutral_face', '😐', '无语'],
  ['expressionless', '😑', '面无表情'],
  ['roll_eyes', '🙄', '翻白眼'],
  ['smirk', '😏', '得意'],
  ['upside_down_face', '🙃', '倒脸'],
  ['sunglasses', '😎', '酷'],
  ['nerd_face', '🤓', '书呆子'],
  ['partying_face', '🥳', '庆祝'],
  ['hugs', '🤗', '拥抱'],
  ['open_mouth', '😮', '惊讶'],
  ['astonished', '😲', '震惊'],
  ['scream', '😱', '惊恐'],
  ['exploding_head', '🤯', '炸裂'],
  ['cry', '😢', '哭'],
  ['sob', '😭', '大哭'],
  ['pensive', '😔', '沉思'],
  ['confused', '😕', '困惑'],
  ['worried', '😟', '担心'],
  ['grimacing', '😬', '尴尬'],
  ['sweat', '😓', '汗'],
  ['weary', '😩', '疲惫'],
  ['sleeping', '😴', '睡觉'],
  ['yawning_face', '🥱', '打哈欠'],
  ['angry', '😠', '生气'],
  ['rage', '😡', '愤怒'],
  ['face_with_symbols_on_mouth', '🤬', '骂人'],
  ['skull', '💀', '骷髅'],
  ['clown_face', '🤡', '小丑'],
  ['see_no_evil', '🙈', '不看'],
  ['facepalm', '🤦', '捂脸'],
  ['shrug', '🤷', '耸肩'],
  ['pray', '🙏', '拜托'],
  ['clap', '👏', '鼓掌'],
  ['raised_hands', '🙌', '举手欢呼'],
  ['wave', '👋', '挥手'],
  ['ok_hand', '👌', '好的'],
  ['v', '✌️', '胜利'],
  ['muscle', '💪', '加油'],
  ['point_up', '☝️', '指上'],
  ['point_right', '👉', '指右'],
  ['eyes', '👀', '看'],
  ['brain', '🧠', '大脑'],
  ['broken_heart', '💔', '心碎'],
  ['sparkling_heart', '💖', '闪亮的心'],
  ['fire', '🔥', '火'],
  ['sparkles', '✨', '闪光'],
  ['star', '⭐', '星星'],
  ['zap', '⚡', '闪电'],
  ['boom', '💥', '爆炸'],
  ['100', '💯', '满分'],
  ['tada', '🎉', '庆祝'],
  ['confetti_ball', '🎊', '彩球'],
  ['gift', '🎁', '礼物'],
  ['trophy', '🏆', '奖杯'],
  ['medal', '🏅', '奖牌'],
  ['rocket', '🚀', '火箭'],
  ['white_check_mark', '✅', '完成'],
  ['heavy_check_mark', '✔️', '对勾'],
  ['x', '❌', '错'],
  ['warning', '⚠️', '警告'],
  ['no_entry', '⛔', '禁止'],
  ['question', '❓', '问号'],
  ['exclamation', '❗', '感叹号'],
  ['bulb', '💡', '灵感'],
  ['memo', '📝', '笔记'],
  ['pushpin', '📌', '图钉'],
  ['link', '🔗', '链接'],
  ['lock', '🔒', '锁'],
  ['key', '🔑', '钥匙'],
  ['bug', '🐛', '虫子'],
  ['wrench', '🔧', '扳手'],
  ['hammer', '🔨', '锤子'],
  ['gear', '⚙️', '齿轮'],
  ['construction', '🚧', '施工'],
  ['rotating_light', '🚨', '警报'],
  ['computer', '💻', '电脑'],
  ['keyboard', '⌨️', '键盘'],
  ['package', '📦', '包裹'],
  ['books', '📚', '书'],
  ['chart_with_upwards_trend', '📈', '上涨'],
  ['chart_with_downwards_trend', '📉', '下跌'],
  ['calendar', '📅', '日历'],
  ['hourglass', '⌛', '沙漏'],
  ['alarm_clock', '⏰', '闹钟'],
  ['coffee', '☕', '咖啡'],
  ['tea', '🍵', '茶'],
  ['beer', '🍺', '啤酒'],
  ['pizza', '🍕', '披萨'],
  ['cake', '🍰', '蛋糕'],
  ['sunny', '☀️', '太阳'],
  ['crescent_moon', '🌙', '月亮'],
  ['rainbow', '🌈', '彩虹'],
  ['snowflake', '❄️', '雪花'],
  ['cat', '🐱', '猫'],
  ['dog', '🐶', '狗'],
  ['unicorn', '🦄', '独角兽'],
  ['turtle', '🐢', '乌龟'],
  ['snail', '🐌', '蜗牛'],
  ['seedling', '🌱', '新芽'],
  ['four_leaf_clover', '🍀', '幸运草'],
  ['money_with_wings', '💸', '花钱'],
  ['ship', '🚢', '发布'],
  ['checkered_flag', '🏁', '终点'],
  ['speech_balloon', '💬', '对话'],
  ['mega', '📣', '喇叭'],
  ['bell', '🔔', '铃'],
  ['zzz', '💤', '困'],
];

export const EMOJI_SHORTCODES: readonly EmojiShortcode[] = TABLE.map(([code, emoji, zh]) => ({ code, emoji, zh }));

/** Each emoji once, under its first (most common) shortcode, in table order: what the emoji panel shows. */
export const DISTINCT_EMOJI: readonly EmojiShortcode[] = EMOJI_SHORTCODES.filter((entry, index) => EMOJI_SHORTCODES.findIndex((other) => other.emoji === entry.emoji) === index);

const BY_CODE = new Map(EMOJI_SHORTCODES.map((entry) => [entry.code, entry.emoji]));

/** The emoji of a shortcode of the table (without its colons), or undefined. */
export function emojiOfShortcode(code: string): string | undefined {
  return BY_CODE.get(code);
}

/** Whether a display language wants the table's Chinese names shown beside the shortcodes. */
export function showsChineseNames(locale: string): boolean {
  return locale.toLowerCase().startsWith('zh');
}

/**
 * A run of ":code:" written together (":+1::tada:" as Slack and GitHub allow) standing alone: not
 * touching a letter, digit, '_' or another colon, so "10:30:00", "a:x:b" and C++'s "ns::x::y" and
 * "std::vector::size" stay text.
 */
const SHORTCODE_RUN = /(?<![\p{L}\p{N}_:])(?::[a-z0-9_+-]{1,32}:)+(?![\p{L}\p{N}_:])/gu;
const ONE_SHORTCODE = /:([a-z0-9_+-]{1,32}):/g;

/**
 * `text` with the shortcodes of the table shown as their emoji, as GitHub and Slack show them: for text
 * that other apps, bots and scripts send (TIM Chat's own composer sends the emoji itself). Unknown names
 * stay as they are, also inside a run with known ones.
 */
export function showShortcodes(text: string): string {
  if (!text.includes(':')) {
    return text;
  }
  return text.replace(SHORTCODE_RUN, (run) => run.replace(ONE_SHORTCODE, (match, code: string) => emojiOfShortcode(code) ?? match));
}
