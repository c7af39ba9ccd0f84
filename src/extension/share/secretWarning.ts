/**
 * The modal warning before sharing code that looks like it holds secrets: what was found and on which
 * lines (never the values), with "Share Anyway" and Cancel. Returns whether to go on.
 */
import * as vscode from 'vscode';
import { showWarning } from '../notify';
import type { SecretFinding, SecretKind } from './secretScanner';

function describeKind(kind: SecretKind): string {
  switch (kind) {
    case 'privateKey':
      return vscode.l10n.t('a private key');
    case 'awsAccessKey':
      return vscode.l10n.t('an AWS access key');
    case 'awsSecretKey':
      return vscode.l10n.t('an AWS secret key');
    case 'githubToken':
      return vscode.l10n.t('a GitHub token');
    case 'slackToken':
      return vscode.l10n.t('a Slack token');
    case 'slackWebhook':
      return vscode.l10n.t('a Slack webhook URL');
    case 'googleApiKey':
      return vscode.l10n.t('a Google API key');
    case 'stripeKey':
      return vscode.l10n.t('a Stripe key');
    case 'jwt':
      return vscode.l10n.t('a JSON Web Token');
    case 'urlCredentials':
      return vscode.l10n.t('a password in a URL');
    case 'secretAssignment':
      return vscode.l10n.t('a secret value');
    case 'envValue':
      return vscode.l10n.t('an environment value');
  }
}

/** "a GitHub token (line 12), a secret value in API_KEY (line 14)", at most five, lines in the file. */
export function describeFindings(findings: readonly SecretFinding[], firstLine = 1): string {
  const parts = findings.slice(0, 5).map((f) =>
    f.name
      ? vscode.l10n.t('{0} in {1} (line {2})', describeKind(f.kind), f.name, f.line + firstLine - 1)
      : vscode.l10n.t('{0} (line {1})', describeKind(f.kind), f.line + firstLine - 1),
  );
  if (findings.length > 5) {
    parts.push(vscode.l10n.t('{0} more', findings.length - 5));
  }
  return parts.join(', ');
}

/** True when there is nothing to warn about or the user chose to share anyway. */
export async function confirmDespiteSecrets(findings: readonly SecretFinding[], what: string, firstLine = 1): Promise<boolean> {
  if (!findings.length) {
    return true;
  }
  const shareAnyway = vscode.l10n.t('Share Anyway');
  const answer = await showWarning(
    vscode.l10n.t('{0} may contain secrets', what),
    { modal: true, detail: vscode.l10n.t('Found {0}. Anyone in the conversation can read and keep what you share.', describeFindings(findings, firstLine)) },
    shareAnyway,
  );
  return answer === shareAnyway;
}
