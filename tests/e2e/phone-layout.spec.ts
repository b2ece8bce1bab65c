/**
 * The layout on a phone and what the phone menu owes the reader now that it mounts on first use
 * (src/theme/Navbar/MobileSidebar): it is absent after hydration, opens at the first tap and
 * navigates; the phone table of contents works; a page loaded narrow and then widened gets a
 * working doc sidebar and table of contents; the desktop layout is as before. Both locales.
 */
import {test, expect} from './fixtures';
import type {Page} from '@playwright/test';
import {watchErrors} from './helpers';

const PHONE = {viewport: {width: 390, height: 844}, isMobile: true, hasTouch: true};
const DESKTOP = {width: 1280, height: 900};
const RUNBOOK = '/runbooks/crashloopbackoff';

const LOCALES = [
  {prefix: '', toggleLabel: 'Toggle navigation bar', tocLabel: 'On this page'},
  {prefix: '/ko', toggleLabel: '사이드바 펼치거나 접기', tocLabel: '이 페이지에서'},
];

const menu = (page: Page) => page.locator('.navbar-sidebar');
const toggle = (page: Page) => page.locator('button.navbar__toggle');
const desktopSidebar = (page: Page) => page.locator('.theme-doc-sidebar-container nav.menu');
const desktopToc = (page: Page) => page.locator('.theme-doc-toc-desktop');

/** The href of a doc sidebar link to another runbook than the one shown. */
async function otherRunbookHref(page: Page, scope: ReturnType<Page['locator']>, prefix: string): Promise<string> {
  const links = scope.locator(`a.menu__link[href^="${prefix}/runbooks/"]:not([href$="${RUNBOOK}"])`);
  await expect(links.first()).toBeVisible();
  const href = await links.first().getAttribute('href');
  expect(href).toBeTruthy();
  return href!;
}

for (const {prefix, toggleLabel, tocLabel} of LOCALES) {
  const locale = prefix || '/en';

  test.describe(`on a phone (${locale})`, () => {
    test.use(PHONE);

    test(`the menu is absent until tapped, then opens and navigates from a runbook (${locale})`, async ({page}) => {
      const errors = watchErrors(page);
      await page.goto(`${prefix}${RUNBOOK}`);
      await expect(toggle(page)).toBeVisible();
      await expect(toggle(page)).toHaveAttribute('aria-label', toggleLabel);
      // The layout has switched to the phone's (the desktop table of contents is gone): the menu
      // would have mounted by now if it mounted with the page.
      await expect(desktopToc(page)).toHaveCount(0);
      await expect(menu(page)).toHaveCount(0);
      await toggle(page).tap();
      await expect(menu(page)).toBeVisible();
      await expect(toggle(page)).toHaveAttribute('aria-expanded', 'true');
      // On a doc page the menu opens on the doc sidebar.
      const href = await otherRunbookHref(page, menu(page), prefix);
      await menu(page).locator(`a.menu__link[href="${href}"]`).tap();
      await expect(page).toHaveURL(new RegExp(`${href}$`));
      await expect(page.locator('article h1')).toBeVisible();
      await expect(menu(page)).not.toBeVisible();
      // Open again on the new page: the menu comes straight back.
      await toggle(page).tap();
      await expect(menu(page)).toBeVisible();
      expect(errors, 'console errors').toEqual([]);
    });

    test(`a click with no pointer or focus before it still opens the menu (${locale})`, async ({page}) => {
      await page.goto(`${prefix}/`);
      await expect(menu(page)).toHaveCount(0);
      await toggle(page).dispatchEvent('click');
      await expect(menu(page)).toBeVisible();
      await expect(toggle(page)).toHaveAttribute('aria-expanded', 'true');
      // The main menu of the home page lists the navbar's items; one leads to the runbooks.
      const runbooks = menu(page).locator(`a.menu__link[href^="${prefix}/runbooks"]`).first();
      await runbooks.tap();
      await expect(page).toHaveURL(new RegExp(`${prefix}/runbooks`));
      await expect(page.locator('h1').first()).toBeVisible();
    });

    test(`the phone table of contents opens and jumps to a section (${locale})`, async ({page}) => {
      await page.goto(`${prefix}${RUNBOOK}`);
      const toc = page.locator('.theme-doc-toc-mobile');
      const button = toc.getByRole('button', {name: tocLabel});
      await expect(button).toBeVisible();
      await expect(desktopToc(page)).not.toBeVisible();
      await button.tap();
      const link = toc.locator('a[href^="#"]').first();
      await expect(link).toBeVisible();
      const hash = await link.getAttribute('href');
      await link.tap();
      await expect(page).toHaveURL(new RegExp(`${hash}$`));
      await expect(page.locator(`[id="${hash!.slice(1)}"]`)).toBeInViewport();
    });

    test(`loaded narrow, then widened: the doc sidebar and table of contents work (${locale})`, async ({page}) => {
      await page.goto(`${prefix}${RUNBOOK}`);
      await expect(desktopSidebar(page)).not.toBeVisible();
      await page.setViewportSize(DESKTOP);
      await expect(toggle(page)).not.toBeVisible();
      await expect(desktopSidebar(page)).toBeVisible();
      await expect(desktopToc(page)).toBeVisible();
      await expect(page.locator('.theme-doc-toc-mobile')).not.toBeVisible();
      const tocLink = desktopToc(page).locator('a[href^="#"]').nth(1);
      const hash = await tocLink.getAttribute('href');
      await tocLink.click();
      await expect(page).toHaveURL(new RegExp(`${hash}$`));
      const href = await otherRunbookHref(page, desktopSidebar(page), prefix);
      await desktopSidebar(page).locator(`a.menu__link[href="${href}"]`).click();
      await expect(page).toHaveURL(new RegExp(`${href}$`));
      await expect(desktopSidebar(page).locator(`a.menu__link--active[href="${href}"]`).first()).toBeVisible();
    });
  });

  test(`on a desktop the doc sidebar and table of contents are there and the phone menu is not (${locale})`, async ({page}) => {
    await page.setViewportSize(DESKTOP);
    const errors = watchErrors(page);
    await page.goto(`${prefix}${RUNBOOK}`);
    await expect(toggle(page)).not.toBeVisible();
    await expect(menu(page)).toHaveCount(0);
    await expect(desktopSidebar(page)).toBeVisible();
    await expect(desktopSidebar(page).locator(`a.menu__link--active[href="${prefix}${RUNBOOK}"]`).first()).toBeVisible();
    await expect(desktopToc(page).locator('a[href^="#"]').first()).toBeVisible();
    await expect(page.locator('.theme-doc-toc-mobile')).not.toBeVisible();
    const href = await otherRunbookHref(page, desktopSidebar(page), prefix);
    await desktopSidebar(page).locator(`a.menu__link[href="${href}"]`).click();
    await expect(page).toHaveURL(new RegExp(`${href}$`));
    await expect(desktopToc(page)).toBeVisible();
    expect(errors, 'console errors').toEqual([]);
  });
}
