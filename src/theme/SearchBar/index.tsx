/**
 * The navbar search box, with the search plugin's own bar loaded on first use instead of with every
 * page. The plugin's bar brings lunr and its language packs into the main bundle: about
 * 20 KB of compressed script that every page evaluated before the reader could scroll. Until the
 * reader points at the box, focuses it or presses the shortcut, this renders the same box (the
 * plugin's own styles); then the real bar replaces it in one render and takes over what was typed
 * and the focus, so nothing typed is lost. (A Korean query reaches the plugin's search as the terms
 * the pages use: src/plugins/search-query.ts.)
 */
import {useCallback, useEffect, useLayoutEffect, useRef, useState, type ComponentType, type ReactNode} from 'react';
import clsx from 'clsx';
import {translate} from '@docusaurus/Translate';
import useIsBrowser from '@docusaurus/useIsBrowser';
import type SearchBarType from '@theme/SearchBar';
import type {WrapperProps} from '@docusaurus/types';
import styles from '@easyops-cn/docusaurus-search-local/dist/client/client/theme/SearchBar/SearchBar.module.css';
import {isShortcut, shortcutHints} from './shortcut';

type Props = WrapperProps<typeof SearchBarType>;
type SearchBarComponent = ComponentType<Props>;

/** One load for the whole visit: every later page renders the real bar directly. */
let loaded: SearchBarComponent | null = null;
let loading: Promise<SearchBarComponent> | null = null;
function loadSearchBar(): Promise<SearchBarComponent> {
  loading ??= import('@theme-original/SearchBar').then((module) => {
    loaded = module.default as SearchBarComponent;
    return loaded;
  });
  return loading;
}

/** The wrapper must not become a box of its own in the navbar's layout. */
const CONTENTS = {display: 'contents'} as const;

export default function LazySearchBar(props: Props): ReactNode {
  const [RealSearchBar, setRealSearchBar] = useState<SearchBarComponent | null>(() => loaded);
  const container = useRef<HTMLDivElement>(null);
  // What the reader did in the stand-in box, handed over when the real bar arrives.
  const draft = useRef({value: '', focused: false});
  const isBrowser = useIsBrowser();
  const label = translate({id: 'theme.SearchBar.label', message: 'Search', description: 'The ARIA label and placeholder for search button'});

  const wantSearch = useCallback(() => {
    if (!RealSearchBar) void loadSearchBar().then((component) => setRealSearchBar(() => component));
  }, [RealSearchBar]);

  // The box is in the server-rendered page: a reader may have typed into it before the scripts ran.
  useEffect(() => {
    const input = container.current?.querySelector('input');
    if (!input || (!input.value && document.activeElement !== input)) return;
    draft.current = {value: input.value, focused: document.activeElement === input};
    wantSearch();
    // Only what happened before this first render matters; later typing goes through onChange.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // The shortcut works before the real bar, which listens for it itself once it is there.
  useEffect(() => {
    if (RealSearchBar) return undefined;
    const onKeyDown = (event: KeyboardEvent) => {
      if (!isShortcut(event)) return;
      event.preventDefault();
      draft.current.focused = true;
      container.current?.querySelector('input')?.focus();
      wantSearch();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [RealSearchBar, wantSearch]);

  // Runs before the real bar's own mount effects, which read the input's value and focus (the
  // plugin's way of taking over a box typed into before hydration).
  useLayoutEffect(() => {
    const input = RealSearchBar ? container.current?.querySelector<HTMLInputElement>('input.navbar__search-input') : null;
    if (!input) return;
    // The plugin hard-codes aria-label="Search"; a Korean page says it in Korean.
    input.setAttribute('aria-label', input.placeholder || label);
    const {value, focused} = draft.current;
    if (value) Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(input, value);
    if (focused) input.focus();
  }, [RealSearchBar, label]);

  if (RealSearchBar) {
    return (
      <div ref={container} style={CONTENTS}>
        <RealSearchBar {...props} />
      </div>
    );
  }
  return (
    <div ref={container} style={CONTENTS}>
      <div className={clsx('navbar__search', styles.searchBarContainer)} dir="ltr">
        <svg aria-hidden="true" className={styles.searchIcon} focusable="false" viewBox="0 0 16 16">
          <path fill="currentColor" d="M6.02945 10.20327a4.17382 4.17382 0 1 1 4.17382-4.17382 4.15609 4.15609 0 0 1-4.17382 4.17382Zm9.69195 4.2199-4.8225-4.82338A5.88021 5.88021 0 0 0 12.058 6.02856 6.00467 6.00467 0 1 0 9.59979 10.8989l4.82338 4.82338a.89729.89729 0 0 0 1.29912 0 .89749.89749 0 0 0-.00087-1.29909Z" />
        </svg>
        <input
          className={`navbar__search-input ${styles.searchInput}`}
          placeholder={label}
          aria-label={label}
          onPointerEnter={wantSearch}
          onTouchStart={wantSearch}
          onFocus={() => {
            draft.current.focused = true;
            wantSearch();
          }}
          onBlur={() => {
            draft.current.focused = false;
          }}
          onChange={(event) => {
            draft.current.value = event.target.value;
            wantSearch();
          }}
        />
        {isBrowser && (
          <div className={styles.searchHintContainer}>
            {shortcutHints().map((hint) => (
              <kbd key={hint} className={styles.searchHint}>
                {hint}
              </kbd>
            ))}
          </div>
        )}
      </div>
    </div>
  );
}
