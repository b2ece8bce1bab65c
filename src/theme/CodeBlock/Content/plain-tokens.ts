/**
 * What prism-react-renderer's Highlight produces for a language it has no grammar for: one plain
 * token per line, the theme's plain colours, the same class names. A block rendered like this has
 * exactly the layout of its highlighted form, so highlighting arriving later only changes colours.
 * Kept apart from prism-react-renderer, whose module evaluates all of Prism when imported.
 */
import clsx from 'clsx';
import type {CSSProperties} from 'react';
import type {LineInputProps, LineOutputProps, PrismTheme, Token, TokenInputProps, TokenOutputProps} from 'prism-react-renderer';

const NEWLINE = /\r\n|\r|\n/;

/** The lines of `code` as plain tokens; an empty line holds one empty token, as Highlight makes it. */
export function plainLines(code: string): Token[][] {
  return code.split(NEWLINE).map((content) => [content === '' ? {types: ['plain'], content: '\n', empty: true} : {types: ['plain'], content}]);
}

export interface PlainRendering {
  lines: Token[][];
  /** Class name and style of the `<pre>`, as Highlight gives them. */
  className: string;
  style: CSSProperties;
  getLineProps: (input: LineInputProps) => LineOutputProps;
  getTokenProps: (input: TokenInputProps) => TokenOutputProps;
}

/** @param language As in the block's metadata; lower-cased as Highlight does. */
export function plainRendering(code: string, language: string, theme: PrismTheme): PlainRendering {
  const lineStyle: CSSProperties = {...theme.plain, backgroundColor: undefined};
  return {
    lines: plainLines(code),
    className: `prism-code language-${language.toLowerCase()}`,
    style: theme.plain,
    getLineProps: ({className, style, line: _line, ...rest}) => ({...rest, className: clsx('token-line', className), style: {...lineStyle, ...style}}),
    getTokenProps: ({token, className, style, ...rest}) => {
      const own: CSSProperties | undefined = token.empty ? {display: 'inline-block'} : undefined;
      return {...rest, className: clsx('token', ...token.types, className), children: token.content, style: style ? {...own, ...style} : own};
    },
  };
}
