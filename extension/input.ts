// What "Evaluate Patch" evaluates: a file picked in the explorer, the active editor (a .patch,
// a mail, a pasted reply in an untitled buffer), or the working tree's git diff when the
// workspace is a kernel tree. Text comes from the open document when there is one, so unsaved
// edits count.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { isConfigFile } from '../engine/evaluateLimits';
import { MAX_PATCH_BYTES } from '../engine/readInput';

export interface EvaluationSource {
  /** The name the engine uses in reports and messages (a path, or the editor's name for an unsaved buffer). */
  readonly file: string;
  readonly text: string;
  /** The document the findings' lines refer to. */
  readonly uri: vscode.Uri;
  readonly label: string;
  readonly isConfig: boolean;
  /** For a kernel tree's git diff: the tree, whose files the diff's lines belong to. */
  readonly tree?: vscode.Uri;
}

/** A problem the user can fix before anything runs (shown as one message). */
export class SourceError extends Error {}

const PATCH_LIKE = /\.(patch|diff|eml|mbox|mbx|txt|mail)$/i;

function fromDocument(doc: vscode.TextDocument): EvaluationSource {
  const file = doc.uri.scheme === 'file' ? doc.uri.fsPath : doc.uri.path;
  if (doc.getText().length > MAX_PATCH_BYTES) throw new SourceError(`${file}: is more than the ${MAX_PATCH_BYTES / 2 ** 20} MiB zsreview reads; split it into smaller files`);
  return { file, text: doc.getText(), uri: doc.uri, label: vscode.workspace.asRelativePath(doc.uri), isConfig: isConfigFile(file) };
}

/** A file from the explorer: its open document if there is one, else the file itself (size checked before reading). */
export async function sourceFromUri(uri: vscode.Uri): Promise<EvaluationSource> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return fromDocument(open);
  let size: number;
  try {
    const st = await vscode.workspace.fs.stat(uri);
    if (st.type & vscode.FileType.Directory) throw new SourceError(`${uri.fsPath}: is a folder; pick a patch, mbox or mail file`);
    size = st.size;
  } catch (e) {
    if (e instanceof SourceError) throw e;
    throw new SourceError(`${uri.fsPath}: cannot be read (no such file, or no permission); check the path`);
  }
  if (size > MAX_PATCH_BYTES) throw new SourceError(`${uri.fsPath}: is ${(size / 2 ** 20).toFixed(0)} MiB, more than the ${MAX_PATCH_BYTES / 2 ** 20} MiB zsreview reads as a patch, mbox or mail; split it into smaller files`);
  // The engine refuses binary files (NUL bytes) with the line; decoding here never throws.
  const text = new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
  return { file: uri.fsPath, text, uri, label: vscode.workspace.asRelativePath(uri), isConfig: isConfigFile(uri.fsPath) };
}

/** A Linux tree: the folder has mm/zsmalloc.c. */
async function isKernelTree(folder: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(vscode.Uri.joinPath(folder, 'mm', 'zsmalloc.c'));
    return true;
  } catch {
    return false;
  }
}

/** The kernel tree a file lies in (mm/zsmalloc.c in it or an ancestor), whether or not it is a workspace folder. */
async function kernelTreeOf(file: vscode.Uri): Promise<vscode.Uri | undefined> {
  for (let dir = vscode.Uri.joinPath(file, '..'); ; dir = vscode.Uri.joinPath(dir, '..')) {
    if (await isKernelTree(dir)) return dir;
    if (vscode.Uri.joinPath(dir, '..').path === dir.path) return undefined;
  }
}

function gitDiff(cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('git', ['diff', '--no-color', '--no-ext-diff', 'HEAD'], { cwd, maxBuffer: MAX_PATCH_BYTES, timeout: 60_000 }, (err, stdout, stderr) => {
      if (err) reject(new SourceError(`git diff in ${cwd} failed: ${(stderr || err.message).split('\n')[0]}; is it a git checkout with a commit?`));
      else resolve(stdout);
    });
  });
}

/** The working tree's uncommitted changes, opened as a diff document so that findings can point at its lines. */
export async function sourceFromGitDiff(tree: vscode.Uri): Promise<EvaluationSource> {
  const name = tree.path.split('/').filter(Boolean).pop() ?? tree.fsPath;
  const text = await gitDiff(tree.fsPath);
  if (text.trim() === '') throw new SourceError(`${tree.fsPath}: the working tree has no uncommitted changes to evaluate; edit mm/zsmalloc.c or mm/zswap.c, or open a patch`);
  const doc = await vscode.workspace.openTextDocument({ language: 'diff', content: text });
  await vscode.window.showTextDocument(doc, { preview: true, preserveFocus: false });
  return { file: join(tree.fsPath, 'git-diff-HEAD.patch'), text, uri: doc.uri, label: `git diff HEAD (${name})`, isConfig: false, tree };
}

/**
 * The text document of the active editor tab: right after an editor opens (or when the focus is
 * in a panel) the extension host may not know the active text editor yet, while the tab is there.
 */
async function activeTabDocument(): Promise<vscode.TextDocument | undefined> {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  return input instanceof vscode.TabInputText ? vscode.workspace.openTextDocument(input.uri) : undefined;
}

/**
 * The input of "Evaluate Patch" without an explicit file: the active editor when it holds a
 * patch or a mail; else the git diff of the kernel tree the active file is in (or of a
 * workspace folder that is a kernel tree); else the active editor anyway (the engine says what
 * it lacks); else a file picked in a dialog. Undefined when the user cancels.
 */
export async function resolvePatchSource(): Promise<EvaluationSource | undefined> {
  const doc = vscode.window.activeTextEditor?.document ?? (await activeTabDocument());
  if (doc && (doc.isUntitled || doc.languageId === 'diff' || PATCH_LIKE.test(doc.uri.path))) return fromDocument(doc);
  // A kernel tree: the one the active file lies in, else a workspace folder that is one.
  const tree = doc?.uri.scheme === 'file' ? await kernelTreeOf(doc.uri) : undefined;
  if (tree) return sourceFromGitDiff(tree);
  for (const folder of vscode.workspace.workspaceFolders ?? []) if (await isKernelTree(folder.uri)) return sourceFromGitDiff(folder.uri);
  if (doc) return fromDocument(doc);
  const picked = await vscode.window.showOpenDialog({ canSelectMany: false, openLabel: 'Evaluate', filters: { 'Patches and mails': ['patch', 'diff', 'eml', 'mbox', 'txt'], 'All files': ['*'] } });
  return picked?.[0] ? sourceFromUri(picked[0]) : undefined;
}

/** The input of "Evaluate Config": the given file, or the active editor's. */
export async function resolveConfigSource(uri?: vscode.Uri): Promise<EvaluationSource | undefined> {
  if (uri) return { ...(await sourceFromUri(uri)), isConfig: true };
  const doc = vscode.window.activeTextEditor?.document;
  if (doc) return { ...fromDocument(doc), isConfig: true };
  const picked = await vscode.window.showOpenDialog({ canSelectMany: false, openLabel: 'Evaluate', filters: { 'Evaluation configs': ['yaml', 'yml', 'json'] } });
  return picked?.[0] ? { ...(await sourceFromUri(picked[0])), isConfig: true } : undefined;
}
