import path from 'node:path';
import type {Config} from '@docusaurus/types';
import type * as Preset from '@docusaurus/preset-classic';
import type {PluginOptions as SearchOptions} from '@easyops-cn/docusaurus-search-local';
import {darkCodeTheme, lightCodeTheme} from './src/css/code-themes';
import {paintFirstTemplate} from './src/ssr/paint-first-template';

/**
 * Read once, here. `SITE_URL` lets a deployment set its own origin; the default is the address
 * `npm start` and the tests serve the site from, so the sitemap and canonical links stay local.
 */
const siteUrl = process.env.SITE_URL ?? 'http://localhost:3000';

const labsDir = path.resolve(__dirname, 'labs/scenarios');

export default async function createConfig(): Promise<Config> {
  return {
    title: 'K8s Troubleshooting Labs',
    tagline: 'Runbooks, real incidents and hands-on labs for people who run Kubernetes',
    favicon: 'img/favicon.svg',
    url: siteUrl,
    baseUrl: '/',
    trailingSlash: false,

    // A broken link or anchor is a broken runbook at 3 a.m.: fail the build, in both locales.
    onBrokenLinks: 'throw',
    onBrokenAnchors: 'throw',
    onDuplicateRoutes: 'throw',

    // Paint the server-rendered page before running the bundles (see the template's comment).
    ssrTemplate: paintFirstTemplate,

    i18n: {
      defaultLocale: 'en',
      locales: ['en', 'ko'],
      localeConfigs: {
        en: {label: 'English', htmlLang: 'en'},
        ko: {label: '한국어', htmlLang: 'ko'},
      },
    },

    markdown: {
      mermaid: true,
      format: 'detect',
      hooks: {onBrokenMarkdownLinks: 'throw', onBrokenMarkdownImages: 'throw'},
    },

    themes: [
      '@docusaurus/theme-mermaid',
      [
        '@easyops-cn/docusaurus-search-local',
        {
          hashed: true,
          language: ['en', 'ko'],
          indexDocs: true,
          indexBlog: false,
          indexPages: false,
          docsRouteBasePath: '/',
          // Off: marking the terms resets the search box when the plugin's bar mounts, and that bar
          // now mounts as the reader starts typing (src/theme/SearchBar); it also keeps mark.js out.
          highlightSearchTermsOnTargetPage: false,
          explicitSearchResultPath: true,
          searchResultLimits: 10,
          // Error messages and flags are what readers search for: keep "in", "not", "no" indexed.
          removeDefaultStopWordFilter: true,
        } satisfies SearchOptions,
      ],
    ],

    clientModules: ['./src/client/a11y.ts', './src/client/idle-prefetch.ts', './src/client/runner-link.ts', './src/client/hydration.ts'],

    plugins: [
      ['./src/plugins/lab-data.ts', {labsDir}],
      ['./src/plugins/catalog.ts', {labsDir}],
      './src/plugins/search-query.ts',
      // Less work at startup on a phone: Prism only when a code block needs it, and the re-render
      // right after hydration as a transition (see the plugin's comment).
      './src/ssr/lighter-startup.ts',
    ],

    presets: [
      [
        'classic',
        {
          docs: {
            routeBasePath: '/',
            sidebarPath: './sidebars.ts',
            showLastUpdateTime: false,
            breadcrumbs: true,
          },
          blog: false,
          theme: {customCss: './src/css/custom.css'},
          sitemap: {changefreq: 'weekly', priority: 0.5},
        } satisfies Preset.Options,
      ],
    ],

    themeConfig: {
      colorMode: {respectPrefersColorScheme: true},
      mermaid: {theme: {light: 'neutral', dark: 'dark'}},
      navbar: {
        title: 'K8s Troubleshooting',
        logo: {alt: 'K8s Troubleshooting Labs', src: 'img/logo.svg', width: 32, height: 32},
        items: [
          {to: '/find', label: 'Find', position: 'left'},
          {type: 'docSidebar', sidebarId: 'runbooks', label: 'Runbooks', position: 'left'},
          {type: 'docSidebar', sidebarId: 'reference', label: 'Reference', position: 'left'},
          {to: '/cases', label: 'Cases', position: 'left', activeBaseRegex: '^/(ko/)?cases'},
          {type: 'docSidebar', sidebarId: 'retros', label: 'Retros', position: 'left'},
          {type: 'docSidebar', sidebarId: 'labs', label: 'Labs', position: 'left'},
          {type: 'localeDropdown', position: 'right'},
        ],
      },
      footer: {
        style: 'dark',
        links: [
          {
            title: 'Troubleshoot',
            items: [
              {label: 'Find by symptom', to: '/find'},
              {label: 'Runbooks', to: '/runbooks'},
              {label: 'Reference', to: '/reference'},
            ],
          },
          {
            title: 'Learn',
            items: [
              {label: 'Cases', to: '/cases'},
              {label: 'Retrospectives', to: '/retros'},
              {label: 'Labs', to: '/labs'},
            ],
          },
        ],
        copyright: 'Runbooks, cases and labs for the people who keep Kubernetes clusters running.',
      },
      prism: {
        theme: lightCodeTheme,
        darkTheme: darkCodeTheme,
        additionalLanguages: ['bash', 'rust', 'toml', 'json', 'yaml'],
      },
      tableOfContents: {minHeadingLevel: 2, maxHeadingLevel: 3},
    } satisfies Preset.ThemeConfig,
  } satisfies Config;
}
