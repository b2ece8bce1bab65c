/**
 * Stands in for @docusaurus/theme-classic's `prism-include-languages` client module, which
 * evaluates Prism and its languages before the first render of every page. Code blocks load Prism
 * themselves when they need it (src/theme/CodeBlock/Content); src/ssr/lighter-startup.ts
 * puts this module in its place.
 */
export {};
