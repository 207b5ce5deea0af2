import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { guideRoutes } from '../../bot/admin/guide';
import { bundledGuideRoutes } from '../../bot/admin/guide-pages';
import { GUIDE_PAGES } from '../../bot/admin/guide-pages.gen';
import { markdownTitle, markdownToHtml } from '../../shared/guide/markdown';

describe("the clerks' guide as HTML", () => {
  it('renders headings, lists, bold, code, links and images, escaping everything else', () => {
    const html = markdownToHtml(
      [
        '# คู่มือ <script>alert(1)</script>',
        '',
        'ย่อหน้า **ตัวหนา** และ `npm start`',
        '',
        '- [บทบาท](roles.md)',
        '- [ลิงก์อันตราย](javascript:alert(1))',
        '1. ข้อแรก',
        '',
        '![ภาพ](img/a.png)',
        '![ภาพนอก](https://evil.example/x.png)',
        '```',
        'npm run cli -- org create --name "<x>"',
        '```',
      ].join('\n'),
    );
    expect(html).toContain('<h1>คู่มือ &lt;script&gt;alert(1)&lt;/script&gt;</h1>');
    expect(html).toContain('<strong>ตัวหนา</strong>');
    expect(html).toContain('<code>npm start</code>');
    expect(html).toContain('<ul>\n<li><a href="roles.md">บทบาท</a></li>');
    expect(html).not.toContain('href="javascript');
    expect(html).toContain('<ol>\n<li>ข้อแรก</li>\n</ol>');
    expect(html).toContain('<img src="img/a.png" alt="ภาพ" loading="lazy">');
    expect(html).not.toContain('src="https://evil');
    expect(html).toContain(
      '<pre><code>npm run cli -- org create --name &quot;&lt;x&gt;&quot;</code></pre>',
    );
    expect(markdownTitle('# หัวข้อ **หนา**\n')).toBe('หัวข้อ หนา');
  });

  it('serves every guide page as HTML (and the Markdown with ?raw=1), images intact', async () => {
    const dir = join(import.meta.dirname, '../../docs/guide');
    const app = guideRoutes(dir);
    for (const name of readdirSync(dir).filter((f) => f.endsWith('.md'))) {
      const r = await app.request(`/${name}`);
      expect(r.status, name).toBe(200);
      expect(r.headers.get('content-type')).toContain('text/html');
      const html = await r.text();
      expect(html).toMatch(/<h1>/);
      expect(html).not.toMatch(/^#\s/m);
      for (const img of readFileSync(join(dir, name), 'utf8').matchAll(/!\[[^\]]*\]\(([^)]+)\)/g))
        expect(html).toContain(`<img src="${img[1]}"`);
    }
    const raw = await app.request('/roles.md?raw=1');
    expect(raw.headers.get('content-type')).toContain('text/markdown');
    expect(await raw.text()).toMatch(/^# /);
  });

  it('on Workers the same pages come from the bundle, which matches docs/guide (npm run gen:guide)', async () => {
    const dir = join(import.meta.dirname, '../../docs/guide');
    const onDisk = Object.fromEntries(
      readdirSync(dir)
        .filter((f) => f.endsWith('.md'))
        .map((f) => [f, readFileSync(join(dir, f), 'utf8')]),
    );
    // Stale? Run `npm run gen:guide` and commit bot/admin/guide-pages.gen.ts.
    expect(GUIDE_PAGES).toEqual(onDisk);
    const node = guideRoutes(dir);
    const worker = bundledGuideRoutes();
    for (const name of Object.keys(onDisk)) {
      const [a, b] = await Promise.all([node.request(`/${name}`), worker.request(`/${name}`)]);
      expect(b.status, name).toBe(200);
      expect(await b.text(), name).toBe(await a.text());
    }
    expect((await worker.request('/nothing.md')).status).toBe(404);
    expect((await worker.request('/constructor.md')).status).toBe(404);
    expect((await worker.request('/../package.json')).status).toBe(404);
    // A page the bundle does not have is not served, whatever the disk holds.
    expect((await bundledGuideRoutes({}).request('/README.md')).status).toBe(404);
  });
});
