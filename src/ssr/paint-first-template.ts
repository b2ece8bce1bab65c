/**
 * The page template every route is rendered into (Docusaurus `ssrTemplate`). It differs from the
 * stock one in one way: the bundles start loading after the browser has painted the server-rendered
 * page, instead of as `defer` scripts in the head.
 *
 * Why: with `defer`, a fast network delivers the bundles before the parser finishes, and the
 * browser runs them (React hydrating the whole page, hundreds of milliseconds of CPU on a phone)
 * before it paints the article. The reader mid-incident wants the runbook text on screen first;
 * it is already in the HTML. Search, the theme toggle and the lab terminal come alive a moment later.
 *
 * The loader keeps the bundles' order (`async = false`), runs at once in a hidden tab (nothing is
 * painted there), and has a timer fallback so a page whose frames are throttled still hydrates.
 */
const loader = (scripts: string): string => `
(function () {
  var started = false;
  function load() {
    if (started) return;
    started = true;
    ${scripts}.forEach(function (src) {
      var script = document.createElement('script');
      script.src = src;
      script.async = false;
      document.body.appendChild(script);
    });
  }
  if (document.visibilityState === 'hidden') return load();
  requestAnimationFrame(function () { setTimeout(load, 0); });
  setTimeout(load, 250);
})();`;

/** Eta template; `it` is what Docusaurus passes (see @docusaurus/core ssgTemplate.html). */
export const paintFirstTemplate = `<!DOCTYPE html>
<html <%~ it.htmlAttributes %>>
  <head>
    <meta charset="UTF-8">
    <meta name="generator" content="Docusaurus v<%= it.version %>">
    <% it.metaAttributes.forEach((metaAttribute) => { %>
      <%~ metaAttribute %>
    <% }); %>
    <%~ it.headTags %>
    <% it.stylesheets.forEach((stylesheet) => { %>
      <link rel="stylesheet" href="<%= it.baseUrl %><%= stylesheet %>" />
    <% }); %>
  </head>
  <body <%~ it.bodyAttributes %>>
    <%~ it.preBodyTags %>
    <div id="__docusaurus"><%~ it.appHtml %></div>
    <%~ it.postBodyTags %>
    <script>${loader('<%~ JSON.stringify(it.scripts.map((script) => it.baseUrl + script)) %>')}</script>
  </body>
</html>
`;
