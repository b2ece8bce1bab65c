/**
 * The search plugin's default shortcut, `mod+k`: ⌘K on a Mac, Ctrl+K elsewhere, with the hint the
 * plugin shows. Written out here so the stand-in box does not import the plugin's modules.
 */
function isMac(): boolean {
  if (typeof navigator === 'undefined') return false;
  const platform = (navigator as Navigator & {userAgentData?: {platform?: string}}).userAgentData?.platform ?? navigator.userAgent;
  return /mac/i.test(platform);
}

export function isShortcut(event: KeyboardEvent): boolean {
  const mac = isMac();
  return event.key?.toLowerCase() === 'k' && event.metaKey === mac && event.ctrlKey === !mac && !event.altKey && !event.shiftKey;
}

export function shortcutHints(): string[] {
  return [isMac() ? '⌘' : 'ctrl', 'K'];
}
