/** The case index: filters narrow the list, live in the URL, and survive a reload, in both locales. */
import {test, expect} from './fixtures';

for (const prefix of ['', '/ko']) {
  test(`filters narrow the list and are kept in the URL (${prefix || '/en'})`, async ({page}) => {
    await page.goto(`${prefix}/cases`);
    const cards = page.locator('[data-case]');
    const total = await cards.count();
    expect(total).toBeGreaterThanOrEqual(15);

    await page.locator('button[data-facet="source"][data-value="public"]').click();
    await expect(page).toHaveURL(/source=public/);
    await expect(cards).toHaveCount(5);

    await page.locator('button[data-facet="layer"][data-value="node"]').click();
    await expect(page).toHaveURL(/layer=node/);
    const narrowed = await cards.count();
    expect(narrowed).toBeGreaterThan(0);
    expect(narrowed).toBeLessThan(5);

    await page.reload();
    await expect(cards).toHaveCount(narrowed);
    await expect(page.locator('button[data-facet="source"][data-value="public"]')).toHaveAttribute('aria-pressed', 'true');
  });
}

test('every case card links to a page that renders, diagrams included', async ({page}) => {
  await page.goto('/cases?source=internal');
  const links = await page.locator('[data-case] h2 a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).getAttribute('href')!));
  expect(links.length).toBe(10);
  await page.goto(links[0]);
  await expect(page.locator('article h1')).toBeVisible();
});
