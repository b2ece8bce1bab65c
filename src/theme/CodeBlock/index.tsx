/**
 * The theme's CodeBlock without its remount after hydration. The stock component keys its content
 * on "is this the browser", so right after hydration every code block on the page is thrown away
 * and rendered again from scratch (DOM and all), only so that a reader in dark mode gets the dark
 * token colours that hydration does not apply. On a runbook with a dozen blocks that remount was
 * the largest task of the page's startup on a phone.
 *
 * The content component (./Content) handles the colour mode itself: it keeps the server's markup
 * while the colour mode is the server's, and renders the block again when it is not.
 */
import {Children, isValidElement, type ReactNode} from 'react';
import ElementContent from '@theme/CodeBlock/Content/Element';
import StringContent from '@theme/CodeBlock/Content/String';
import type {Props} from '@theme/CodeBlock';

/**
 * The children as one string when they are only strings (so the block can be copied), else as
 * they are; as the stock component does.
 */
function maybeStringifyChildren(children: ReactNode): ReactNode {
  if (Children.toArray(children).some((child) => isValidElement(child))) return children;
  return Array.isArray(children) ? children.join('') : children;
}

export default function CodeBlock({children: rawChildren, ...props}: Props): ReactNode {
  const children = maybeStringifyChildren(rawChildren);
  return typeof children === 'string' ? <StringContent {...props}>{children}</StringContent> : <ElementContent {...props}>{children}</ElementContent>;
}
