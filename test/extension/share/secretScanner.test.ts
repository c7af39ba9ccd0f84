/**
 * The secret scanner: real-looking secrets of each kind are found (with their line, never their value),
 * and ordinary code that only names secrets, placeholders and harmless settings are not.
 */
import * as assert from 'node:assert/strict';
import { entropy, isDotenvFile, looksRandom, scanForSecrets } from '../../../src/extension/share/secretScanner';

// Built from pieces so this file itself does not trip secret scanners.
const AWS_ID = ['AKIA', 'IOSFODNN7EXAMPLQ'].join('');
const AWS_SECRET = ['wJalrXUtnFEMI', 'K7MDENGbPxRfiCYzEXAMPLEKEY'].join('/');
const GH = ['ghp', '_', 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8'].join('');
const GH_PAT = ['github_pat', '_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123'].join('');
const SLACK = ['xoxb', '-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx'].join('');
const HOOK = ['https://hooks.slack.com/services/', 'T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX'].join('');
const GOOGLE = ['AIza', 'SyD-1234567890abcdefghijklmnopqrstu'].join('');
const STRIPE = ['sk', '_live_', '51Habcdefghijklmnop1234'].join('');
const JWT = ['eyJhbGciOiJIUzI1NiJ9', 'eyJzdWIiOiIxMjM0NTY3ODkwIn0', 'dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U'].join('.');

function kinds(text: string, dotenv = false): string[] {
  return scanForSecrets(text, { dotenv }).map((f) => `${f.kind}@${f.line}`);
}

describe('secret scanner', () => {
  it('finds private keys, cloud and chat tokens on their lines', () => {
    const text = [
      'const x = 1;',
      '-----BEGIN RSA PRIVATE KEY-----',
      `const id = "${AWS_ID}";`,
      `aws_secret_access_key = ${AWS_SECRET}`,
      `token = '${GH}'`,
      `const pat = "${GH_PAT}"`,
      `SLACK="${SLACK}"`,
      `post(${JSON.stringify(HOOK)})`,
      `key: ${GOOGLE}`,
      `stripe(${JSON.stringify(STRIPE)})`,
      `Authorization: Bearer ${JWT}`,
      'db = "postgres://admin:S3cretPassw0rd@db.internal:5432/app"',
      '-----BEGIN OPENSSH PRIVATE KEY-----',
      '-----BEGIN PRIVATE KEY-----',
    ].join('\n');
    assert.deepEqual(kinds(text), [
      'privateKey@2', 'awsAccessKey@3', 'awsSecretKey@4', 'githubToken@5', 'githubToken@6', 'slackToken@7', 'slackWebhook@8',
      'googleApiKey@9', 'stripeKey@10', 'jwt@11', 'urlCredentials@12', 'privateKey@13', 'privateKey@14',
    ]);
  });

  it('finds high-entropy values assigned to secret names, in many syntaxes', () => {
    const text = [
      'const apiKey = "Zx81kLm2QpR7vT9wY3nB6cD";',
      '  "client_secret": "q8W2e4R6t8Y0u2I4o6P8a0S2",',
      'password := "hunter22"',
      'self.auth_token = \'9f8e7d6c5b4a39281706f5e4d3c2b1a0\'',
      'SECRET_KEY = "django-insecure-k3j4h5g6f7d8s9a0"',
    ].join('\n');
    const found = scanForSecrets(text);
    assert.deepEqual(found.map((f) => f.line), [1, 2, 3, 4, 5]);
    assert.equal(found[0].name, 'apiKey');
    assert.ok(found.every((f) => !JSON.stringify(f).includes('Zx81')), 'no value in a finding');
  });

  it('finds .env-style lines', () => {
    assert.deepEqual(kinds('export DATABASE_PASSWORD=pa55w0rd!\nAPI_TOKEN=8b1f3c9d2e7a6f4b\n'), ['envValue@1', 'envValue@2']);
    // In a dotenv file every non-trivial value counts; numbers, booleans and local URLs do not.
    assert.deepEqual(kinds('PORT=3000\nDEBUG=true\nNODE_ENV=production\nAPI_URL=http://localhost:8080\nSESSION_NAME=abcdef\n# comment=x\nEMPTY=\nKEY=${OTHER}', true), ['envValue@5']);
  });

  it('ignores code that only names secrets, placeholders and ordinary values', () => {
    const text = [
      'const password = await readPassword();',
      'function setToken(token: string): void {}',
      'const token = process.env.GITHUB_TOKEN;',
      'apiKey: "<your api key>",',
      'password = "changeme"',
      'SECRET = "xxxxxxxxxxxxxxxx"',
      'const secretName = "database-password";',
      'let auth = "Bearer";',
      'TOKEN_TYPE = "refresh"',
      'const url = "https://example.com/path?x=1";',
      'const sha = "3f786850e387550fdab836ed7e6dc881de23001b"; // not named like a secret',
      'passwordField.placeholder = "Password";',
      'if (token === "") return;',
      'url = "https://user@example.com/repo.git"',
      'const ENV = { API_KEY: undefined };',
      '# export GITHUB_TOKEN=',
    ].join('\n');
    assert.deepEqual(kinds(text), []);
  });

  it('measures randomness sensibly', () => {
    assert.ok(entropy('aaaa') === 0);
    assert.ok(entropy('abcd') === 2);
    assert.ok(looksRandom('Zx81kLm2QpR7vT9wY3nB'));
    assert.ok(!looksRandom('this-is-a-long-slug-name'));
    assert.ok(!looksRandom('12345678901234567890'));
  });

  it('recognizes dotenv files', () => {
    assert.ok(isDotenvFile('/w/.env'));
    assert.ok(isDotenvFile('C:\\w\\.env.local'));
    assert.ok(isDotenvFile('/w/prod.env'));
    assert.ok(isDotenvFile('/w/settings', 'dotenv'));
    assert.ok(!isDotenvFile('/w/.envrc'));
    assert.ok(!isDotenvFile('/w/env.ts'));
  });

  it('stays fast on long and minified input', () => {
    const started = Date.now();
    scanForSecrets(`${'a'.repeat(200_000)}\n${'x = "y"; '.repeat(20_000)}`);
    assert.ok(Date.now() - started < 2000);
  });
});
