/** Mermaid, search in both languages, the locale switch, and the way in from the home page. */
import {test, expect} from './fixtures';

for (const prefix of ['', '/ko']) {
  test(`mermaid renders as SVG on the Zalando case (${prefix || '/en'})`, async ({page}) => {
    await page.goto(`${prefix}/cases/case-zalando-etcd-cascade`);
    await page.locator('[data-mermaid-lazy]').first().scrollIntoViewIfNeeded();
    const diagram = page.locator('.docusaurus-mermaid-container svg').first();
    await expect(diagram).toBeVisible();
    expect(await diagram.locator('g.node, .node').count()).toBeGreaterThan(3);
  });

  test(`mermaid renders on the BUG-004 retrospective (${prefix || '/en'})`, async ({page}) => {
    await page.goto(`${prefix}/retros/bug-004-cilium-bootstrap-circular-dependency`);
    await page.locator('[data-mermaid-lazy]').first().scrollIntoViewIfNeeded();
    await expect(page.locator('.docusaurus-mermaid-container svg').first()).toBeVisible();
  });
}

test('English search finds the runbook', async ({page}) => {
  await page.goto('/');
  await page.locator('input.navbar__search-input').fill('CrashLoopBackOff');
  const hit = page.getByRole('option').filter({hasText: 'CrashLoopBackOff'}).first();
  await expect(hit).toBeVisible();
  await hit.click();
  await expect(page).toHaveURL(/\/(runbooks|reference|cases|labs)\//);
  await expect(page.locator('article')).toContainText('CrashLoopBackOff');
});

test('a Korean query finds the Korean page', async ({page}) => {
  await page.goto('/ko/');
  await page.locator('input.navbar__search-input').fill('메모리');
  const hit = page.getByRole('option').filter({hasText: '메모리'}).first();
  await expect(hit).toBeVisible();
  await hit.click();
  await expect(page).toHaveURL(/\/ko\//);
  await expect(page.locator('article')).toContainText('메모리');
});

// Opened directly (a reload, a shared link), the results page must search for the query in its address.
for (const [language, prefix, query] of [['English', '', 'CrashLoopBackOff'], ['Korean', '/ko', '메모리']] as const) {
  test(`the ${language} search results page searches for the query in its address`, async ({page}) => {
    await page.goto(`${prefix}/search?q=${encodeURIComponent(query)}`);
    await expect(page.locator('input[type="search"][name="q"]')).toHaveValue(query);
    const first = page.locator('article h2 a').first();
    await expect(first).toBeVisible();
    await expect(first).toHaveAttribute('href', prefix ? /^\/ko\// : /^\/(?!ko\/)/);
    expect(new URL(page.url()).searchParams.get('q')).toBe(query);
  });
}

test('Ctrl+K focuses search at once and nothing typed is lost while search loads', async ({page}) => {
  await page.goto('/runbooks/crashloopbackoff');
  await page.keyboard.press('Control+k');
  const box = page.locator('input.navbar__search-input');
  await expect(box).toBeFocused();
  await page.keyboard.type('ImagePullBackOff', {delay: 20});
  await expect(box).toHaveValue('ImagePullBackOff');
  await expect(box).toBeFocused();
  await expect(page.getByRole('option').filter({hasText: 'ImagePullBackOff'}).first()).toBeVisible();
});

test('the search box is labelled in the page language', async ({page}) => {
  await page.goto('/ko/');
  await expect(page.locator('input.navbar__search-input')).toHaveAttribute('aria-label', /[가-힣]/);
});

test('the locale dropdown keeps the reader on the same page, anchors included', async ({page}) => {
  await page.goto('/runbooks/crashloopbackoff');
  await page.locator('.navbar .dropdown').filter({hasText: 'English'}).hover();
  await page.getByRole('link', {name: '한국어'}).click();
  await expect(page).toHaveURL(/\/ko\/runbooks\/crashloopbackoff$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
  await expect(page.locator('#diagnosis')).toBeVisible();
  await expect(page.locator('.navbar')).toContainText('런북');
});

test('the home page search box lands on /find with the query', async ({page}) => {
  await page.goto('/');
  await page.getByLabel('Error message or status').fill('dial tcp 10.96.0.1:443: i/o timeout');
  await page.getByRole('button', {name: 'Find the fix'}).click();
  await expect(page).toHaveURL(/\/find\?q=/);
  await expect(page.locator('[data-kind]').first()).toContainText('10.96.0.1');
});
