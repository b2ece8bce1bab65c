/**
 * Prism with the site's extra languages (themeConfig.prism.additionalLanguages), as the theme's
 * `prism-include-languages` client module would set it up at startup. Here it is a chunk of its
 * own, evaluated only when a code block has to be highlighted in the browser (highlighter.ts).
 */
import {Highlight, Prism} from 'prism-react-renderer';
import prismIncludeLanguages from '@theme/prism-include-languages';

prismIncludeLanguages(Prism);

export {Highlight};
