/**
 * Accessibility fixes for markup the site does not render itself, applied after every route
 * change.
 */

/**
 * Wide tables (symptom tables, command sheets) scroll sideways inside the column. A keyboard user
 * can only scroll what can take focus, so each table that overflows becomes focusable.
 */
function makeWideTablesFocusable(): void {
  for (const table of Array.from(document.querySelectorAll<HTMLTableElement>('.markdown table'))) {
    if (table.scrollWidth > table.clientWidth + 1) table.tabIndex = 0;
  }
}

/**
 * Markdown checklists (`- [ ] …`) render unlabelled, disabled checkboxes. Each takes its item's
 * text as its label, so a screen reader says what is to be checked.
 */
function labelChecklistBoxes(): void {
  for (const box of Array.from(document.querySelectorAll<HTMLInputElement>('.markdown li.task-list-item > input[type="checkbox"]'))) {
    if (!box.hasAttribute('aria-label')) box.setAttribute('aria-label', (box.parentElement?.textContent ?? '').trim().slice(0, 120));
  }
}

export function onRouteDidUpdate(): void {
  labelChecklistBoxes();
  // Tables are measured once the new page has laid out.
  requestAnimationFrame(makeWideTablesFocusable);
}
