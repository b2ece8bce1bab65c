/**
 * Every page of both locales: it loads, logs no error, and axe finds no serious or critical
 * accessibility violation.
 */
import {test, expect} from './fixtures';
import AxeBuilder from '@axe-core/playwright';
import {sitemapPaths, watchErrors} from './helpers';

const paths = sitemapPaths();

test('the sitemaps list pages of both locales', () => {
  expect(paths.some((p) => p.startsWith('/ko/'))).toBe(true);
  expect(paths.filter((p) => !p.startsWith('/ko/')).length).toBeGreaterThan(5);
});

for (const pagePath of paths) {
  test(`page ${pagePath}`, async ({page}) => {
    const errors = watchErrors(page);
    const response = await page.goto(pagePath, {waitUntil: 'load'});
    expect(response?.status(), `HTTP status of ${pagePath}`).toBe(200);
    await expect(page.locator('h1').first()).toBeVisible();
    // Mermaid renders after hydration; wait for it so its errors, if any, are caught too.
    // Diagrams render as they come near the screen: open any <details> around one, as a reader
    // would, bring it in, then expect its SVG.
    const diagrams = page.locator('[data-mermaid-lazy]');
    for (let i = 0; i < (await diagrams.count()); i += 1) {
      const closed = page.locator('details:not([open])').filter({has: diagrams.nth(i)});
      for (let n = await closed.count(); n > 0; n -= 1) await closed.first().locator('> summary').click();
      await diagrams.nth(i).scrollIntoViewIfNeeded();
      await expect(diagrams.nth(i).locator('.docusaurus-mermaid-container svg')).toHaveCount(1);
    }
    // Markdown emphasis that did not parse shows as literal asterisks (in Korean, `**word**가`
    // when the bold text ends in punctuation). Code may hold `**`; prose may not.
    const strayEmphasis = await page.evaluate(() => {
      const main = document.querySelector('main')?.cloneNode(true) as HTMLElement | undefined;
      if (!main) return [];
      main.querySelectorAll('pre, code, script, style').forEach((code) => code.remove());
      return (main.textContent ?? '').split('\n').filter((line) => line.includes('**')).map((line) => line.trim().slice(0, 120));
    });
    expect(strayEmphasis, 'text that shows literal ** (emphasis markup that did not render)').toEqual([]);
    const axe = await new AxeBuilder({page}).analyze();
    const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(
      serious.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join('; ')}`),
      'serious or critical accessibility violations',
    ).toEqual([]);
    expect(errors, 'console errors').toEqual([]);
  });
}
