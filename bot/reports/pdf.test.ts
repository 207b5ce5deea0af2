import { describe, expect, it } from 'vitest';
import { loadPlaywright, PDF_NEEDS } from './pdf';

describe('PDF without playwright-core (a production install)', () => {
  it('says in Thai and English what to install, and that other formats still work', async () => {
    const missing = Object.assign(new Error("Cannot find package 'playwright-core'"), {
      code: 'ERR_MODULE_NOT_FOUND',
    });
    const err = await loadPlaywright(() => Promise.reject(missing)).catch((e) => e);
    expect(err.message).toBe(PDF_NEEDS);
    expect(err.message).toContain('npm install playwright-core');
    expect(err.message).toMatch(/ต้องใช้/);
    expect(err.message).toContain('HTML, CSV and XLSX');
    expect(err.cause).toBe(missing);
  });

  it('loads playwright-core when it is installed', async () => {
    const pw = await loadPlaywright();
    expect(typeof pw.chromium.launch).toBe('function');
  });
});
