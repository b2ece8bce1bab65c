import type {SidebarsConfig} from '@docusaurus/plugin-content-docs';
import runbooks from './src/sidebars/runbooks';
import reference from './src/sidebars/reference';
import cases from './src/sidebars/cases';
import retros from './src/sidebars/retros';
import labs from './src/sidebars/labs';

/**
 * One sidebar per section. Each section's items live in src/sidebars/<section>.ts and are
 * ordered by hand: the order is the order a reader should meet them in.
 */
const sidebars = {runbooks, reference, cases, retros, labs} satisfies SidebarsConfig;

export default sidebars;
