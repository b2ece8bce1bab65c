/**
 * The tests' `test`: Playwright's, with `page.goto` and `page.reload` waiting until the page has
 * hydrated (Docusaurus sets `<html data-has-hydrated="true">` then). The site paints before its
 * scripts run (src/ssr/paint-first-template.ts), so without this a test could click a button React
 * has not attached to yet.
 */
import {test as base, expect} from '@playwright/test';

export const test = base.extend({
  page: async ({page}, use) => {
    const ready = () => page.locator('html[data-has-hydrated="true"]').waitFor({state: 'attached'});
    const goto = page.goto.bind(page);
    const reload = page.reload.bind(page);
    page.goto = async (url, options) => {
      const response = await goto(url, options);
      await ready();
      return response;
    };
    page.reload = async (options) => {
      const response = await reload(options);
      await ready();
      return response;
    };
    await use(page);
  },
});

export {expect};
