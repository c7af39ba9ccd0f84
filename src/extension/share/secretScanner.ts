/**
 * Finds likely secrets in code about to be shared: private keys, cloud and chat tokens (AWS, GitHub,
 * Slack, Google, Stripe, JWTs), credentials in URLs, high-entropy values assigned to secret-sounding
 * names, and `.env`-style `KEY=value` lines. It errs towards warning (the user can share anyway) but
 * skips placeholders and code that only names a secret. Pure: findings never contain the secret itself.
 */

export type SecretKind =
  | 'privateKey'
  | 'awsAccessKey'
  | 'awsSecretKey'
  | 'githubToken'
  | 'slackToken'
  | 'slackWebhook'
  | 'googleApiKey'
  | 'stripeKey'
  | 'jwt'
  | 'urlCredentials'
  | 'secretAssignment'
  | 'envValue';

export interface SecretFinding {
  readonly kind: SecretKind;
  /** 1-based line within the scanned text. */
  readonly line: number;
  /** The name the value was assigned to, when there was one (never the value). */
  readonly name?: string;
}

export interface ScanOptions {
  /** The file is a dotenv file: every non-trivial `KEY=value` counts. */
  readonly dotenv?: boolean;
}

interface TokenRule {
  readonly kind: SecretKind;
  readonly pattern: RegExp;
}

const TOKEN_RULES: readonly TokenRule[] = [
  { kind: 'privateKey', pattern: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/ },
  { kind: 'awsAccessKey', pattern: /\b(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|ANPA|ANVA|APKA)[0-9A-Z]{16}\b/ },
  { kind: 'awsSecretKey', pattern: /aws.{0,20}?(?:secret|private).{0,20}?['"=:\s]\s*['"]?[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+])/i },
  { kind: 'githubToken', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{60,255})\b/ },
  { kind: 'slackToken', pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}/ },
  { kind: 'slackWebhook', pattern: /https:\/\/hooks\.slack\.com\/(?:services|workflows)\/[A-Za-z0-9_/-]{20,}/ },
  { kind: 'googleApiKey', pattern: /\bAIza[0-9A-Za-z_-]{35}\b/ },
  { kind: 'stripeKey', pattern: /\b(?:sk|rk)_(?:live|test)_[0-9A-Za-z]{16,}\b/ },
  { kind: 'jwt', pattern: /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/ },
  { kind: 'urlCredentials', pattern: /\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@'"`]+:([^\s@/'"`]{3,})@[^\s'"`]+/i },
];

/** Names that say "this holds a secret". */
const SECRET_NAME = /(?:pass(?:word|wd|phrase)?|pwd|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|client[_-]?secret|auth|credential|session[_-]?key|signing[_-]?key|encryption[_-]?key|dsn|usersig|secretkey)/i;

/** `name = "value"`, `name: 'value'`, `"name": "value"`, `name := "value"`, `NAME=value`. */
const ASSIGNMENT = /(?:^|[\s{,;(])["']?([A-Za-z_][A-Za-z0-9_.-]*)["']?\s*(?::=|=>|[:=])\s*(["'`])((?:\\.|(?!\2).)*)\2/g;
const ENV_LINE = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.]*)\s*=\s*(.*)$/;

const PLACEHOLDER = /^(?:x+|\*+|\.+|-+|_+|#+|0+|changeme|change[_-]?me|example|sample|dummy|test|testing|fake|placeholder|todo|tbd|none|null|nil|undefined|true|false|yes|no|on|off|secret|password|token|redacted|\[redacted\]|<[^>]*>|\{\{[^}]*\}\}|\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*|%[A-Za-z_]+%|your[_-].*|my[_-].*|.*[_-]here|localhost|127\.0\.0\.1)$/i;

/** Shannon entropy in bits per character. */
export function entropy(value: string): number {
  if (!value) {
    return 0;
  }
  const counts = new Map<string, number>();
  for (const char of value) {
    counts.set(char, (counts.get(char) ?? 0) + 1);
  }
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

function isPlaceholder(value: string): boolean {
  const v = value.trim();
  return v.length === 0 || PLACEHOLDER.test(v) || /^(.)\1+$/.test(v);
}

/** Looks like key material rather than a word, a sentence, a path or a number. */
export function looksRandom(value: string): boolean {
  if (value.length < 16 || /\s/.test(value) || /^[0-9.]+$/.test(value) || /^[a-z]+(?:[-_][a-z]+)*$/.test(value)) {
    return false;
  }
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((c) => c.test(value)).length;
  return classes >= 2 && entropy(value) >= 3.5;
}

/** A value worth warning about when a secret-sounding name holds it. */
function suspiciousValue(value: string, name: string): boolean {
  if (isPlaceholder(value) || /\s/.test(value)) {
    return false;
  }
  // A password is a secret even when short and not random; other names need key-like material.
  if (/pass|pwd/i.test(name)) {
    return value.length >= 6;
  }
  if (/^https?:\/\/[^@]*$/.test(value) || /^[\w-]+(?:\.[\w-]+)+(?::\d+)?\/?$/.test(value)) {
    return false;
  }
  return value.length >= 8 && (looksRandom(value) || value.length >= 20);
}

/** Values a dotenv file may hold that are not secrets: numbers, booleans, plain words, local URLs. */
function harmlessEnvValue(value: string): boolean {
  return isPlaceholder(value) || /^-?\d+(?:\.\d+)?$/.test(value) || /^(?:debug|info|warn|warning|error|development|production|staging|test)$/i.test(value) || /^https?:\/\/(?:localhost|127\.0\.0\.1)(?::\d+)?\/?$/.test(value);
}

function unquote(value: string): string {
  const v = value.replace(/\s+#.*$/, '').trim();
  const quoted = /^(["'])(.*)\1$/.exec(v);
  return quoted ? quoted[2] : v;
}

/** Every likely secret in `text`, at most one finding per line. */
export function scanForSecrets(text: string, options: ScanOptions = {}): SecretFinding[] {
  const findings: SecretFinding[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((lineText, index) => {
    const line = index + 1;
    // Minified or generated lines: look for tokens only, do not parse assignments.
    const scanned = lineText.length > 4000 ? lineText.slice(0, 4000) : lineText;
    for (const rule of TOKEN_RULES) {
      const match = rule.pattern.exec(scanned);
      if (match && !(rule.kind === 'urlCredentials' && isPlaceholder(match[1] ?? ''))) {
        findings.push({ kind: rule.kind, line });
        return;
      }
    }
    const env = ENV_LINE.exec(scanned);
    if (env && !/^\s*(?:#|\/\/)/.test(scanned)) {
      const [, name, rawValue] = env;
      const value = unquote(rawValue);
      const isEnvStyle = /^[A-Z][A-Z0-9_]*$/.test(name) && !/[;(){}]/.test(rawValue.replace(/^(["']).*\1/, ''));
      if (options.dotenv && !harmlessEnvValue(value)) {
        findings.push({ kind: 'envValue', line, name });
        return;
      }
      if (isEnvStyle && SECRET_NAME.test(name) && !/^["'`]/.test(rawValue.trim()) && suspiciousValue(value, name)) {
        findings.push({ kind: 'envValue', line, name });
        return;
      }
    }
    for (const match of scanned.matchAll(ASSIGNMENT)) {
      const [, name, , value] = match;
      if (SECRET_NAME.test(name) && suspiciousValue(value, name)) {
        findings.push({ kind: 'secretAssignment', line, name });
        return;
      }
    }
  });
  return findings;
}

/** dotenv files by name: `.env`, `.env.local`, `production.env`, but not `.envrc` or `env.ts`. */
export function isDotenvFile(fileName: string, languageId?: string): boolean {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  return languageId === 'dotenv' || /^\.env(?:\.[\w-]+)*$/.test(base) || /\.env$/.test(base);
}
