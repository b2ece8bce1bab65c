/** The home page's way in by section: one card per section of the site. */
import type {ReactNode} from 'react';
import Link from '@docusaurus/Link';
import Heading from '@theme/Heading';
import Translate, {translate} from '@docusaurus/Translate';
import styles from './styles.module.css';

type Card = {to: string; title: string; body: string};

function cards(): Card[] {
  return [
    {
      to: '/runbooks',
      title: translate({id: 'home.card.runbooks.title', message: 'Runbooks'}),
      body: translate({id: 'home.card.runbooks.body', message: 'One page per symptom: what it means, commands to paste, what their output says, and the fix.'}),
    },
    {
      to: '/reference',
      title: translate({id: 'home.card.reference.title', message: 'Reference'}),
      body: translate({id: 'home.card.reference.body', message: 'Pod status and exit-code tables, layer checklists from VM to Service, kube-rs symptom tables.'}),
    },
    {
      to: '/cases',
      title: translate({id: 'home.card.cases.title', message: 'Cases'}),
      body: translate({id: 'home.card.cases.body', message: 'Public postmortems and our own cluster incidents, filterable by layer, component and symptom.'}),
    },
    {
      to: '/retros',
      title: translate({id: 'home.card.retros.title', message: 'Retrospectives'}),
      body: translate({id: 'home.card.retros.body', message: 'Bugs followed from the first error to the root cause, with every debugging step in order.'}),
    },
    {
      to: '/labs',
      title: translate({id: 'home.card.labs.title', message: 'Labs'}),
      body: translate({id: 'home.card.labs.body', message: 'Break it, diagnose it with real kubectl, fix it, and have the fix checked in your browser.'}),
    },
  ];
}

export default function SectionCards(): ReactNode {
  return (
    <section aria-labelledby="home-sections">
      <Heading as="h2" id="home-sections">
        <Translate id="home.sections.title">Browse by section</Translate>
      </Heading>
      <ul className={styles.grid}>
        {cards().map((card) => (
          <li key={card.to}>
            <Link to={card.to} className={styles.card}>
              <span className={styles.cardTitle}>{card.title}</span>
              <span className={styles.cardBody}>{card.body}</span>
            </Link>
          </li>
        ))}
      </ul>
      <p className={styles.labCall}>
        <Translate
          id="home.lab.call"
          values={{
            lab: (
              <Link to="/labs/kustomize-parent-dir">
                <Translate id="home.lab.link">fix a kustomization that reaches outside its folder</Translate>
              </Link>
            ),
          }}>
          {'New here? Start with a lab that needs no cluster: {lab}.'}
        </Translate>
      </p>
    </section>
  );
}
