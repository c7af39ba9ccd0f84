/**
 * Reading git without git: config parsing (sections, quotes, comments, continuations), remote
 * normalization and credential stripping, packed-refs, and real repositories on disk (a normal one, a
 * detached HEAD, a packed branch, a worktree-style `.git` file, an empty repository).
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gitRepositoryOf, normalizeRemote, parseGitConfig, parsePackedRefs, remoteUrl, stripCredentials } from '../../../src/extension/share/gitInfo';

const SHA1 = '0123456789abcdef0123456789abcdef01234567';
const SHA2 = 'fedcba9876543210fedcba9876543210fedcba98';

function write(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

describe('git info', () => {
  let tmp: string;
  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'timchat-git-'));
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('parses git config', () => {
    const config = parseGitConfig([
      '# a comment',
      '[core]',
      '\trepositoryformatversion = 0',
      '\tbare = false ; trailing comment',
      '[remote "upstream"]',
      '\turl = https://example.com/up.git',
      '[Remote "origin"]',
      '\tURL = "git@github.com:Acme/App.git" # quoted',
      '\tfetch = +refs/heads/*:refs/remotes/origin/*',
      '[alias]',
      '\tlg = log --graph \\',
      '  --oneline',
      '[branch "feature/x"] merge = refs/heads/feature/x',
      '[user]',
      '\tname = "A \\"quoted\\" name"',
      '\tflag',
    ].join('\n'));
    assert.equal(config.get('core')?.get('bare')?.[0], 'false');
    assert.equal(config.get('remote "origin"')?.get('url')?.[0], 'git@github.com:Acme/App.git');
    assert.equal(config.get('alias')?.get('lg')?.[0], 'log --graph   --oneline');
    assert.equal(config.get('branch "feature/x"')?.get('merge')?.[0], 'refs/heads/feature/x');
    assert.equal(config.get('user')?.get('name')?.[0], 'A "quoted" name');
    assert.equal(config.get('user')?.get('flag')?.[0], 'true');
    assert.equal(remoteUrl(config), 'git@github.com:Acme/App.git');
    assert.equal(remoteUrl(parseGitConfig('[remote "fork"]\n url = https://x/y\n')), 'https://x/y');
    assert.equal(remoteUrl(parseGitConfig('')), undefined);
  });

  it('normalizes remotes so ssh, scp-like and https forms match', () => {
    const forms = [
      'git@github.com:Acme/App.git',
      'https://github.com/acme/app',
      'https://github.com/acme/app.git/',
      'ssh://git@github.com:22/acme/app.git',
      'https://user:token@github.com/acme/app.git',
      'git://github.com/acme/app',
    ];
    for (const form of forms) {
      assert.equal(normalizeRemote(form), 'github.com/acme/app', form);
    }
    assert.notEqual(normalizeRemote('https://github.com/acme/other'), 'github.com/acme/app');
    assert.equal(normalizeRemote('/srv/git/app.git'), '/srv/git/app');
  });

  it('strips credentials but keeps ssh users', () => {
    assert.equal(stripCredentials('https://user:ghp_abc@github.com/a/b.git'), 'https://github.com/a/b.git');
    assert.equal(stripCredentials('https://oauth2:tok@gitlab.com/a/b'), 'https://gitlab.com/a/b');
    assert.equal(stripCredentials('ssh://git@github.com/a/b'), 'ssh://git@github.com/a/b');
    assert.equal(stripCredentials('git@github.com:a/b.git'), 'git@github.com:a/b.git');
  });

  it('parses packed-refs, skipping peeled lines and headers', () => {
    const refs = parsePackedRefs(`# pack-refs with: peeled fully-peeled sorted\n${SHA1} refs/heads/main\n^${SHA2}\n${SHA2} refs/tags/v1\n`);
    assert.equal(refs.get('refs/heads/main'), SHA1);
    assert.equal(refs.get('refs/tags/v1'), SHA2);
    assert.equal(refs.size, 2);
  });

  it('reads a repository: loose branch, packed branch, detached HEAD, credentials removed', async () => {
    const repo = path.join(tmp, 'repo');
    write(path.join(repo, '.git', 'config'), '[remote "origin"]\n\turl = https://me:secret@github.com/acme/app.git\n');
    write(path.join(repo, '.git', 'HEAD'), 'ref: refs/heads/main\n');
    write(path.join(repo, '.git', 'refs', 'heads', 'main'), `${SHA1}\n`);
    write(path.join(repo, 'src', 'deep', 'file.ts'), 'x');
    assert.deepEqual(await gitRepositoryOf(path.join(repo, 'src', 'deep')), { root: repo, remote: 'https://github.com/acme/app.git', commit: SHA1 });
    write(path.join(repo, '.git', 'HEAD'), 'ref: refs/heads/packed\n');
    write(path.join(repo, '.git', 'packed-refs'), `${SHA2} refs/heads/packed\n`);
    assert.equal((await gitRepositoryOf(repo))?.commit, SHA2);
    write(path.join(repo, '.git', 'HEAD'), `${SHA1.toUpperCase()}\n`);
    assert.equal((await gitRepositoryOf(repo))?.commit, SHA1);
    write(path.join(repo, '.git', 'HEAD'), 'ref: refs/heads/../../../../etc/passwd\n');
    assert.equal((await gitRepositoryOf(repo))?.commit, undefined);
  });

  it('follows a .git file (worktree) to its gitdir and commondir; empty repositories have no commit', async () => {
    const main = path.join(tmp, 'main');
    write(path.join(main, '.git', 'config'), '[remote "origin"]\n\turl = git@example.com:team/tool.git\n');
    write(path.join(main, '.git', 'refs', 'heads', 'wt'), `${SHA2}\n`);
    write(path.join(main, '.git', 'worktrees', 'wt', 'HEAD'), 'ref: refs/heads/wt\n');
    write(path.join(main, '.git', 'worktrees', 'wt', 'commondir'), '../..\n');
    const worktree = path.join(tmp, 'wt');
    write(path.join(worktree, '.git'), `gitdir: ${path.join(main, '.git', 'worktrees', 'wt')}\n`);
    assert.deepEqual(await gitRepositoryOf(worktree), { root: worktree, remote: 'git@example.com:team/tool.git', commit: SHA2 });
    const empty = path.join(tmp, 'empty');
    write(path.join(empty, '.git', 'HEAD'), 'ref: refs/heads/main\n');
    assert.deepEqual(await gitRepositoryOf(empty), { root: empty });
    assert.equal(await gitRepositoryOf(path.parse(tmp).root), undefined);
  });

  it('agrees with the git CLI on a real repository', async function () {
    const real = path.join(tmp, 'real');
    fs.mkdirSync(real);
    const git = (...args: string[]): string => execFileSync('git', ['-C', real, '-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { encoding: 'utf8' }).trim();
    try {
      git('init', '-q', '-b', 'main');
    } catch (error) {
      console.log(`git is not usable here (${String(error)}): skipping`);
      this.skip();
    }
    git('remote', 'add', 'origin', 'https://github.com/acme/real.git');
    write(path.join(real, 'a.txt'), 'a\n');
    git('add', 'a.txt');
    git('commit', '-q', '-m', 'one');
    git('pack-refs', '--all');
    const info = await gitRepositoryOf(real);
    assert.equal(info?.commit, git('rev-parse', 'HEAD'));
    assert.equal(info?.remote, 'https://github.com/acme/real.git');
  });
});
