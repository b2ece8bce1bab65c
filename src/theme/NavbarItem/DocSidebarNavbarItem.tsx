/**
 * The theme's navbar item for a docs sidebar, with the page's active doc looked up once per path
 * for all such items. The stock item asks twice per render (its own active doc, then again inside
 * useLayoutDocsSidebar), and each time matches the path against every doc of the site; with four
 * sidebar items in the navbar that was a noticeable share of each page's first render on a phone.
 * The sidebar link is chosen as the stock useLayoutDocsSidebar chooses it (active, preferred, then
 * latest version).
 */
import {useMemo, type ReactNode} from 'react';
import {useLocation} from '@docusaurus/router';
import {
  useDocsData, useDocsPreferredVersion, useLatestVersion, type ActiveDocContext, type GlobalPluginData, type GlobalVersion,
} from '@docusaurus/plugin-content-docs/client';
import {getActiveDocContext} from '@docusaurus/plugin-content-docs/lib/client/docsClientUtils.js';
import DefaultNavbarItem from '@theme/NavbarItem/DefaultNavbarItem';
import type {Props} from '@theme/NavbarItem/DocSidebarNavbarItem';

const lastLookup = new WeakMap<GlobalPluginData, {pathname: string; context: ActiveDocContext}>();

/** getActiveDocContext, remembered for the last path of each docs plugin. */
function activeDocContext(data: GlobalPluginData, pathname: string): ActiveDocContext {
  const last = lastLookup.get(data);
  if (last?.pathname === pathname) return last.context;
  const context = getActiveDocContext(data, pathname);
  lastLookup.set(data, {pathname, context});
  return context;
}

export default function DocSidebarNavbarItem({sidebarId, label, docsPluginId, ...props}: Props): ReactNode {
  const {pathname} = useLocation();
  const {activeDoc, activeVersion} = activeDocContext(useDocsData(docsPluginId), pathname);
  const {preferredVersion} = useDocsPreferredVersion(docsPluginId);
  const latestVersion = useLatestVersion(docsPluginId);
  const sidebarLink = useMemo(() => {
    const candidates = [...new Set([activeVersion, preferredVersion, latestVersion].filter((v): v is GlobalVersion => Boolean(v)))];
    const sidebar = candidates.flatMap((version) => (version.sidebars ? Object.entries(version.sidebars) : [])).find(([id]) => id === sidebarId)?.[1];
    if (!sidebar) throw new Error(`DocSidebarNavbarItem: no sidebar with id "${sidebarId}" in version ${candidates.map((v) => v.name).join(', ')}`);
    return sidebar.link;
  }, [activeVersion, preferredVersion, latestVersion, sidebarId]);
  if (!sidebarLink) throw new Error(`DocSidebarNavbarItem: sidebar "${sidebarId}" has nothing to link to`);
  return <DefaultNavbarItem exact {...props} isActive={() => activeDoc?.sidebar === sidebarId} label={label ?? sidebarLink.label} to={sidebarLink.path} />;
}
