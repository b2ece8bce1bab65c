import type {ReactNode} from 'react';
import Layout from '@theme/Layout';
import Heading from '@theme/Heading';
import Translate, {translate} from '@docusaurus/Translate';
import SymptomSearchBox from '@site/src/components/SymptomSearchBox';
import SectionCards from '@site/src/components/HomePage/SectionCards';
import styles from './index.module.css';

export default function Home(): ReactNode {
  return (
    <Layout
      title={translate({id: 'home.title', message: 'Kubernetes troubleshooting'})}
      description={translate({
        id: 'home.description',
        message: 'Runbooks, real incidents and hands-on labs for people who run Kubernetes: paste an error, land on the fix.',
      })}>
      <header className={styles.hero}>
        <div className="container">
          <Heading as="h1" className={styles.title}>
            <Translate id="home.hero.title">What is your cluster telling you?</Translate>
          </Heading>
          <p className={styles.lead}>
            <Translate id="home.hero.lead">
              Paste the error or the status in front of you. The finder matches it to the runbook, the incidents where it happened before, and a lab where you can reproduce it.
            </Translate>
          </p>
          <SymptomSearchBox />
        </div>
      </header>
      <main className="container margin-vert--lg">
        <SectionCards />
      </main>
    </Layout>
  );
}
