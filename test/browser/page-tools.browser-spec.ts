import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, timeUntilVisible } from './harness';

/** The timing helper the workspace spec relies on, checked on a page whose delay is known. */
describe('timeUntilVisible (browser)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  const pageShowingTextAfter = async (delayMs: number, hidden = false) => {
    const page = await browser.newPage();
    await page.setContent(`
      <div id="item">第1题</div><div id="next" style="${hidden ? 'display:none' : ''}"></div>
      <script>
        addEventListener('keydown', () => setTimeout(() => {
          document.getElementById('item').textContent = '第2题';
          document.getElementById('next').textContent = '预取的下一题';
        }, ${delayMs}));
      </script>`);
    return page;
  };

  it('times a keypress to the frame that shows the new text', async () => {
    const page = await pageShowingTextAfter(60);
    const ms = await timeUntilVisible(page, () => page.keyboard.press('a'), { text: '第2题' });
    expect(ms).toBeGreaterThanOrEqual(60);
    expect(ms).toBeLessThan(1000);
    await page.close();
  });

  it('does not count text that is in the page but hidden, and refuses text already shown', async () => {
    const page = await pageShowingTextAfter(0, true);
    await expect(timeUntilVisible(page, () => page.keyboard.press('a'), { text: '预取的下一题', timeoutMs: 500 })).rejects.toThrow(/not visible within 500 ms/);
    await expect(timeUntilVisible(page, () => page.keyboard.press('a'), { text: '第2题' })).rejects.toThrow(/visible before the action/);
    await page.close();
  });
});
