/**
 * Turns an MDX page into plain text for fuzzy matching: front matter, imports, JSX tags and
 * Markdown punctuation go; words, commands and error text stay, because readers paste those.
 */
export function mdxToPlainText(source: string, maxChars: number): string {
  const text = source
    .replace(/^---\n[\s\S]*?\n---\n/, '')
    .replace(/^(import|export)\s.*$/gm, '')
    .replace(/```[a-z]*\n/g, '\n')
    .replace(/```/g, '')
    .replace(/<\/?[A-Za-z][^>]*>/g, ' ')
    .replace(/\{#[-\w]+\}/g, '')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`|>#]+/g, ' ')
    .replace(/:::\w*/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > maxChars ? text.slice(0, maxChars) : text;
}
