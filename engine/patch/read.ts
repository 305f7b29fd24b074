// Any text a reviewer has → Patch: a git format-patch file or send-email mail, an mbox with a
// series, a mailing-list reply quoting the patch with `> ` (any depth, reviewer text between
// hunks, navigation text around it), or a plain unified diff, whitespace damage included.
// The diff itself is parsed by jsdiff when it is well formed and by parse-diff when it is not;
// this file only finds the diff lines in the document, decodes quoted-printable and base64
// bodies (libqp, Buffer), unquotes and repairs them, and keeps for every line its line in the input.
import { parsePatch } from 'diff';
import * as qp from 'libqp';
import parseDiff from 'parse-diff';
import type { DiffLine, FileDiff, Hunk, Patch, PatchFormat, PatchMessage } from './patch';

interface Line {
  readonly text: string;
  /** 1-based line in the input document. */
  readonly doc: number;
}

/** "From <sha> Mon Sep 17 00:00:00 2001" (format-patch) or "From user@host Thu Jun  6 15:36:31 2024" (mbox). */
const MBOX_FROM = /^From \S+\s+(Mon|Tue|Wed|Thu|Fri|Sat|Sun) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\s+\d+ [\d:]+ \d{4}/;
const HEADER = /^([A-Za-z][A-Za-z0-9-]*):\s?(.*)$/;
const DIFF_START = /^(diff --git |--- (a\/|\/dev\/null)|\+\+\+ (b\/|\/dev\/null)|@@ -\d+(,\d+)? \+\d+(,\d+)? @@)/;
const QUOTE = /^((?:[ \t]*>)+) ?/;

export interface ReadOptions {
  /** Force a format instead of detecting it. */
  readonly format?: PatchFormat;
}

export function readPatch(text: string, file: string, options: ReadOptions = {}): Patch {
  const lines: Line[] = text.split('\n').map((t, i) => ({ text: t.replace(/\r$/, ''), doc: i + 1 }));
  const starts = lines.filter((l) => MBOX_FROM.test(l.text)).map((l) => l.doc - 1);
  const regions = starts.length >= 2 ? starts.map((s, i) => lines.slice(s, starts[i + 1] ?? lines.length)) : [lines];
  // A Set: the reader asks "was this line repaired?" once per diff line.
  const repaired = new Set<number>();
  let quoted = false;
  const messages: PatchMessage[] = regions.map((region) => {
    const { headers, body } = splitHeaders(region, starts.length >= 2);
    const { diffLines, depth } = extractDiff(body, repaired);
    if (depth > 0) quoted = true;
    return {
      subject: unfoldHeader(headers.get('subject')) ?? firstPatchSubject(body),
      from: unfoldHeader(headers.get('from')) ?? '',
      docLine: region[0]?.doc ?? 1,
      files: parseFiles(diffLines),
    };
  });
  const hasHeaders = lines.length > 0 && (MBOX_FROM.test(lines[0].text) || isMailHeader(lines[0].text));
  const detected: PatchFormat = starts.length >= 2 ? 'mbox' : quoted ? 'quoted-reply' : hasHeaders ? 'format-patch' : 'unified-diff';
  return { file, format: options.format ?? detected, messages, repairedLines: [...repaired] };
}

/** RFC 822 headers at the top of a message (after an mbox "From " line), then the body. */
function splitHeaders(region: Line[], mbox: boolean): { headers: Map<string, Line[]>; body: Line[] } {
  const headers = new Map<string, Line[]>();
  let i = region.length > 0 && MBOX_FROM.test(region[0].text) ? 1 : 0;
  if (i >= region.length || !isMailHeader(region[i].text)) return { headers, body: unescapeMboxrd(region.slice(i), mbox) };
  let current: Line[] | null = null;
  for (; i < region.length && region[i].text !== ''; i++) {
    const m = HEADER.exec(region[i].text);
    if (m && !/^\s/.test(region[i].text)) {
      current = [{ text: m[2], doc: region[i].doc }];
      headers.set(m[1].toLowerCase(), current);
    } else if (current && /^\s/.test(region[i].text)) current.push({ text: region[i].text.trim(), doc: region[i].doc });
    else break;
  }
  return { headers, body: decodeBody(unescapeMboxrd(region.slice(i), mbox), unfoldHeader(headers.get('content-transfer-encoding'))) };
}

/**
 * A body sent quoted-printable or base64, decoded. Quoted-printable keeps its lines: a decoded
 * line gets the document line where its first (soft-broken) piece starts. Base64 has no lines
 * of its own, so every decoded line gets the body's first line.
 */
function decodeBody(body: Line[], encoding: string | undefined): Line[] {
  const enc = encoding?.trim().toLowerCase();
  if (enc === 'quoted-printable') {
    const out: Line[] = [];
    for (let i = 0; i < body.length; i++) {
      const start = body[i].doc;
      let raw = body[i].text;
      while (raw.endsWith('=') && i + 1 < body.length) raw = raw.slice(0, -1) + body[++i].text;
      out.push({ text: qp.decode(raw).toString('utf8'), doc: start });
    }
    return out;
  }
  if (enc === 'base64' && body.length > 0) {
    const doc = body[0].doc;
    return Buffer.from(body.map((l) => l.text).join(''), 'base64').toString('utf8').split('\n').map((text) => ({ text: text.replace(/\r$/, ''), doc }));
  }
  return body;
}

/** A header line of a mail (not just any "Word: text" line, such as a "Re: [PATCH]" title). */
function isMailHeader(text: string): boolean {
  const m = HEADER.exec(text);
  return !!m && /^(from|to|cc|subject|date|message-id|sender|in-reply-to|references|mime-version|content-type|content-transfer-encoding|return-path|received|x-[a-z0-9-]+)$/i.test(m[1]);
}

function unfoldHeader(v: Line[] | undefined): string | undefined {
  return v?.map((l) => l.text.trim()).join(' ');
}

/** mboxrd escapes body lines starting "From " as ">From " (and ">From " as ">>From "). */
function unescapeMboxrd(body: Line[], mbox: boolean): Line[] {
  return mbox ? body.map((l) => (/^>+From /.test(l.text) ? { text: l.text.slice(1), doc: l.doc } : l)) : body;
}

/** A reply without headers (a web-archive page): the first line that names a patch. */
function firstPatchSubject(body: Line[]): string {
  return body.find((l) => /\[PATCH/.test(l.text))?.text.trim() ?? '';
}

function unquote(text: string): { depth: number; content: string } {
  const m = QUOTE.exec(text);
  if (!m) return { depth: 0, content: text };
  return { depth: (m[1].match(/>/g) ?? []).length, content: text.slice(m[0].length) };
}

/**
 * The diff lines of a message body, unquoted, with their document lines. The quote depth is
 * the one at which most diff markers appear; text at other depths (the reviewer's) is skipped
 * without ending a hunk. Inside a hunk an empty line is a context line whose leading space was
 * stripped, and a line without a diff prefix continues the previous (wrapped) line.
 */
function extractDiff(body: Line[], repaired: Set<number>): { diffLines: Line[]; depth: number } {
  const byDepth = new Map<number, number>();
  for (const l of body) {
    const { depth, content } = unquote(l.text);
    if (DIFF_START.test(content)) byDepth.set(depth, (byDepth.get(depth) ?? 0) + 1);
  }
  if (byDepth.size === 0) return { diffLines: [], depth: 0 };
  const depth = [...byDepth].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0][0];
  const out: Line[] = [];
  let inDiff = false;
  let inHunk = false;
  for (const l of body) {
    const { depth: d, content } = unquote(l.text);
    if (d !== depth) continue;
    if (/^diff --git |^--- |^\+\+\+ /.test(content) && !(inHunk && /^--- |^\+\+\+ /.test(content) && !/^(--- (a\/|\/dev\/null)|\+\+\+ (b\/|\/dev\/null))/.test(content))) {
      inDiff = true;
      inHunk = false;
      out.push({ text: content, doc: l.doc });
    } else if (/^@@ -\d+(,\d+)? \+\d+(,\d+)? @@/.test(content)) {
      inDiff = inHunk = true;
      out.push({ text: content, doc: l.doc });
    } else if (inHunk && /^[ +\-\\]/.test(content)) {
      if (content === '-- ' || content === '--') {
        inDiff = inHunk = false; // the mail signature that ends a format-patch body
        continue;
      }
      out.push({ text: content, doc: l.doc });
    } else if (inHunk && content === '') {
      repaired.add(l.doc);
      out.push({ text: ' ', doc: l.doc });
    } else if (inHunk && out.length > 0 && /^[ +-]./.test(out[out.length - 1].text) && !repaired.has(out[out.length - 1].doc) && !/^(index |new file|deleted file|similarity|rename|old mode|new mode|base-commit:|[A-Z][a-z-]+-by: )/.test(content)) {
      repaired.add(l.doc);
      const prev = out.pop()!;
      out.push({ text: `${prev.text} ${content}`, doc: prev.doc });
    } else if (inDiff && /^(index |new file mode|deleted file mode|similarity index|rename (from|to) |old mode|new mode|Binary files )/.test(content)) {
      out.push({ text: content, doc: l.doc });
    } else {
      inHunk = false;
    }
  }
  // Trailing empty context lines are more likely the blank line before a signature.
  while (out.length > 0 && out[out.length - 1].text === ' ' && repaired.has(out[out.length - 1].doc)) repaired.delete(out.pop()!.doc);
  return { diffLines: out, depth };
}

interface ParsedFile {
  oldPath: string;
  newPath: string;
  hunks: { oldStart: number; newStart: number; oldLines: number; newLines: number }[];
}

/** File paths and hunk headers from jsdiff when it accepts the text, else from parse-diff. */
function parseStructure(text: string): ParsedFile[] {
  const strip = (p: string | undefined) => (p ?? '').replace(/^[ab]\//, '').replace(/\t.*$/, '');
  try {
    return parsePatch(text)
      .filter((f) => f.hunks.length > 0 || f.oldFileName || f.newFileName)
      .map((f) => ({ oldPath: strip(f.oldFileName), newPath: strip(f.newFileName), hunks: f.hunks.map((h) => ({ oldStart: h.oldStart, newStart: h.newStart, oldLines: h.oldLines, newLines: h.newLines })) }));
  } catch {
    return parseDiff(text).map((f) => ({ oldPath: strip(f.from), newPath: strip(f.to), hunks: f.chunks.map((c) => ({ oldStart: c.oldStart, newStart: c.newStart, oldLines: c.oldLines, newLines: c.newLines })) }));
  }
}

/** Files and hunks of the extracted diff, every line with its document line. */
function parseFiles(diff: Line[]): FileDiff[] {
  if (diff.length === 0) return [];
  const structure = parseStructure(diff.map((l) => l.text).join('\n') + '\n');
  const files: FileDiff[] = [];
  let i = 0;
  for (const f of structure) {
    // The file starts at its `diff --git` or `---` line; its hunks at the following @@ lines.
    while (i < diff.length && !/^(diff --git |--- )/.test(diff[i].text)) i++;
    const fileDoc = diff[Math.min(i, diff.length - 1)].doc;
    const hunks: Hunk[] = [];
    for (const h of f.hunks) {
      while (i < diff.length && !diff[i].text.startsWith('@@')) i++;
      if (i >= diff.length) break;
      const header = diff[i];
      const section = header.text.replace(/^@@[^@]*@@ ?/, '');
      i++;
      const lines: DiffLine[] = [];
      let oldLine = h.oldStart;
      let newLine = h.newStart;
      for (; i < diff.length && /^[ +\-\\]/.test(diff[i].text) && !/^(--- |\+\+\+ )(a\/|b\/|\/dev\/null)/.test(diff[i].text); i++) {
        const t = diff[i].text;
        if (t.startsWith('\\')) continue;
        const kind = t[0] as '+' | '-' | ' ';
        lines.push({ kind, text: t.slice(1), docLine: diff[i].doc, fileLine: kind === '-' ? oldLine : newLine });
        if (kind !== '+') oldLine++;
        if (kind !== '-') newLine++;
      }
      const oldCount = lines.filter((l) => l.kind !== '+').length;
      const newCount = lines.filter((l) => l.kind !== '-').length;
      hunks.push({ oldStart: h.oldStart, newStart: h.newStart, section, docLine: header.doc, lines, trimmed: oldCount < h.oldLines || newCount < h.newLines });
    }
    files.push({ oldPath: f.oldPath, newPath: f.newPath, docLine: fileDoc, hunks });
  }
  return files;
}
