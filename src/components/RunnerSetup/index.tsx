/** How to start the lab runner, shown on the labs overview. */
import type {ReactNode} from 'react';
import Translate from '@docusaurus/Translate';
import CodeBlock from '@theme/CodeBlock';
import Heading from '@theme/Heading';

/** The install pages the runner names when its probe misses a tool (labs/runner/src/env-probe.ts). */
const INSTALL_PAGES = {
  docker: 'https://docs.docker.com/engine/install/',
  kind: 'https://kind.sigs.k8s.io/docs/user/quick-start/#installation',
} as const;

export default function RunnerSetup(): ReactNode {
  return (
    <section>
      <Heading as="h2" id="start-the-runner">
        <Translate id="labs.setup.title">Start the lab runner</Translate>
      </Heading>
      <p>
        <Translate id="labs.setup.start">
          The terminal talks to a small runner on your machine. From a clone of this repository, start the site and the runner together:
        </Translate>
      </p>
      <CodeBlock language="shell">npm install && npm start</CodeBlock>
      <p>
        <Translate id="labs.setup.link">
          The runner prints one link. Open it: the link carries a one-time token after the # sign, which lets this site, and only this site, open a terminal. Whichever page the link opens, every lab you open next in that tab connects.
        </Translate>
      </p>
      <p>
        <Translate
          id="labs.setup.cluster"
          values={{
            docker: <a href={INSTALL_PAGES.docker}>Docker</a>,
            kind: <a href={INSTALL_PAGES.kind}>kind</a>,
          }}>
          {'Cluster labs also need {docker} and {kind} (v0.24.0 or newer). With both installed, one command creates the lab cluster:'}
        </Translate>
      </p>
      <CodeBlock language="shell">npm run cluster:up</CodeBlock>
    </section>
  );
}
