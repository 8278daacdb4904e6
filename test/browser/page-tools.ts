/// <reference lib="dom" />
// Code passed to page.evaluate() runs in the browser.
import type { Locator, Page } from 'playwright-core';

/**
 * Milliseconds from the user's input to the first frame showing `text` (in a visible element, or one matching
 * `selector`), timed inside the page with performance.now(): from the `timeStamp` of the first keydown or
 * pointerdown that `action` causes (or, for other actions, from just before it), to the animation frame after the
 * DOM change that put the text on screen. A MutationObserver notices the change as it happens, without polling.
 * The text must not be visible before the action.
 *
 *   const ms = await timeUntilVisible(page, () => page.keyboard.press('a'), { text: '第2题' });
 */
export async function timeUntilVisible(
  page: Page,
  action: () => Promise<unknown>,
  target: { text: string; selector?: string; timeoutMs?: number },
): Promise<number> {
  const { text, selector = null, timeoutMs = 10_000 } = target;
  await page.evaluate(
    ({ text, selector, timeoutMs }) => {
      const shown = (): boolean => {
        if (selector) return [...document.querySelectorAll(selector)].some((el) => el.textContent?.includes(text) && visible(el));
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          if (n.nodeValue?.includes(text) && n.parentElement && visible(n.parentElement)) return true;
        }
        return false;
      };
      const visible = (el: Element) => el.checkVisibility({ opacityProperty: true, visibilityProperty: true });
      if (shown()) throw new Error(`"${text}" is visible before the action`);

      const armedAt = performance.now();
      let start: number | null = null;
      const onInput = (e: Event) => {
        start ??= e.timeStamp;
      };
      window.addEventListener('keydown', onInput, { capture: true });
      window.addEventListener('pointerdown', onInput, { capture: true });
      (window as unknown as { __paceTiming?: Promise<number> }).__paceTiming = new Promise<number>((resolve, reject) => {
        const finish = (error?: Error) => {
          observer.disconnect();
          clearTimeout(timer);
          window.removeEventListener('keydown', onInput, { capture: true });
          window.removeEventListener('pointerdown', onInput, { capture: true });
          if (error) reject(error);
          // The frame after the change: rAF callbacks run just before the browser paints it.
          else requestAnimationFrame(() => resolve(performance.now() - (start ?? armedAt)));
        };
        const observer = new MutationObserver(() => {
          if (shown()) finish();
        });
        observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
        const timer = setTimeout(() => finish(new Error(`"${text}" was not visible within ${timeoutMs} ms`)), timeoutMs);
      });
      // Read after the action; until then a timeout must not count as unhandled.
      (window as unknown as { __paceTiming: Promise<number> }).__paceTiming.catch(() => undefined);
    },
    { text, selector, timeoutMs },
  );
  await action();
  return page.evaluate(() => (window as unknown as { __paceTiming: Promise<number> }).__paceTiming);
}

/**
 * The fonts chromium actually drew the text of `target` (the first element it matches) with, and how many glyphs
 * came from each (DevTools' CSS.getPlatformFontsForNode). A font the system lacks never appears here, whatever the
 * CSS asks for.
 */
export async function platformFonts(target: Locator): Promise<{ familyName: string; glyphCount: number }[]> {
  const page = target.page();
  const probe = `probe-${Math.random().toString(36).slice(2)}`;
  await target.first().evaluate((el, probe) => el.setAttribute('data-pace-font-probe', probe), probe);
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: `[data-pace-font-probe="${probe}"]` });
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    return fonts.map((f) => ({ familyName: f.familyName, glyphCount: f.glyphCount }));
  } finally {
    await cdp.detach();
  }
}
