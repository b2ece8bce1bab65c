/** What the rules found in the paste, strongest first, each with the page that explains it. */
import type {ReactNode} from 'react';
import Link from '@docusaurus/Link';
import Translate from '@docusaurus/Translate';
import type {FinderIndex} from '@site/src/finder/match';
import type {Finding} from '@site/src/finder/rules/types';
import Excerpt from './Excerpt';
import styles from './styles.module.css';

export default function Findings({findings, index, locale}: {findings: readonly Finding[]; index: FinderIndex; locale: string}): ReactNode {
  if (findings.length === 0) return null;
  return (
    <section className={styles.findings} aria-labelledby="find-findings">
      <h2 id="find-findings" className={styles.sectionTitle}>
        <Translate id="find.findings.title">What the paste shows</Translate>
      </h2>
      <ol className={styles.list}>
        {findings.map((finding) => {
          const i = index.byId.get(finding.page);
          const entry = i === undefined ? undefined : index.entries[i];
          const evidence = finding.evidence.find((e) => e.span) ?? finding.evidence[0];
          return (
            <li key={`${finding.rule}|${finding.subject ?? ''}|${finding.page}`} className={styles.finding} data-finding={finding.rule}>
              <p className={styles.findingText}>{locale === 'ko' ? finding.text.ko : finding.text.en}</p>
              {evidence && (
                <p className={styles.matched}>
                  <span className={styles.matchedLabel}>
                    <Translate id="find.findings.evidence">Seen in:</Translate>
                  </span>{' '}
                  <Excerpt line={evidence.line} span={evidence.span} />
                </p>
              )}
              <p className={styles.findingPage}>
                {entry ? (
                  <Link to={entry.url}>
                    <Translate id="find.findings.read" values={{title: entry.title}}>
                      {'Read: {title}'}
                    </Translate>
                  </Link>
                ) : (
                  <Translate id="find.findings.noPage">No page on this site covers this yet.</Translate>
                )}
              </p>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
