/**
 * The small Markdown the clerks' guide (docs/guide) uses, as HTML: headings, paragraphs,
 * bulleted and numbered lists, fenced code, **bold**, `code`, links and images. Everything is
 * escaped first; only relative links, https links and relative images are kept as links.
 */
const escHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!,
  );

const safeUrl = (u: string, image: boolean) =>
  /^[A-Za-z0-9_./-]+(#[A-Za-z0-9_-]*)?$/.test(u) && !u.includes('..')
    ? u
    : !image && /^https:\/\/[^\s"'<>]+$/.test(u)
      ? u
      : null;

function inline(text: string): string {
  return escHtml(text)
    .replace(/!\[([^\]]*)\]\(([^)\s]+)\)/g, (m, alt: string, url: string) => {
      const u = safeUrl(url, true);
      return u ? `<img src="${u}" alt="${alt}" loading="lazy">` : m;
    })
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (m, label: string, url: string) => {
      const u = safeUrl(url, false);
      return u ? `<a href="${u}">${label}</a>` : m;
    })
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/`([^`]+)`/g, '<code>$1</code>');
}

export function markdownToHtml(md: string): string {
  const out: string[] = [];
  let list: 'ul' | 'ol' | null = null;
  let para: string[] = [];
  const flush = () => {
    if (para.length) out.push(`<p>${inline(para.join(' '))}</p>`);
    para = [];
    if (list) out.push(`</${list}>`);
    list = null;
  };
  const lines = md.replace(/\r\n?/g, '\n').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith('```')) {
      flush();
      const code: string[] = [];
      while (++i < lines.length && !lines[i]!.startsWith('```')) code.push(lines[i]!);
      out.push(`<pre><code>${escHtml(code.join('\n'))}</code></pre>`);
      continue;
    }
    const h = /^(#{1,4})\s+(.*)$/.exec(line);
    const li = /^\s*([-*]|\d+\.)\s+(.*)$/.exec(line);
    if (h) {
      flush();
      out.push(`<h${h[1]!.length}>${inline(h[2]!)}</h${h[1]!.length}>`);
    } else if (li) {
      const kind = /\d/.test(li[1]!) ? 'ol' : 'ul';
      if (para.length || list !== kind) flush();
      if (!list) out.push(`<${(list = kind)}>`);
      out.push(`<li>${inline(li[2]!)}</li>`);
    } else if (!line.trim()) flush();
    else if (list && /^\s{2,}/.test(line))
      out[out.length - 1] = out[out.length - 1]!.replace(/<\/li>$/, ` ${inline(line.trim())}</li>`);
    else {
      if (list) flush();
      para.push(line.trim());
    }
  }
  flush();
  return out.join('\n');
}

/** The page's title: its first heading, without Markdown. */
export const markdownTitle = (md: string) =>
  /^#\s+(.*)$/m.exec(md)?.[1]?.replace(/[*`]/g, '') ?? '';
