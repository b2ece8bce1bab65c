/** How to start the lab runner, shown on the labs overview. */
import type {ReactNode} from 'react';
import Translate from '@docusaurus/Translate';
import CodeBlock from '@theme/CodeBlock';
import Heading from '@theme/Heading';

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
          The runner prints one link. Open it: the link carries a one-time token after the # sign, which lets this page, and only this page, open a terminal. Cluster labs also need the kind cluster:
        </Translate>
      </p>
      <CodeBlock language="shell">npm run cluster:up</CodeBlock>
    </section>
  );
}
