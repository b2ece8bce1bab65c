/**
 * Keys a phone's keyboard lacks, under the terminal: Ctrl, Esc, Tab and the arrows. Ctrl is a
 * sticky modifier: it applies to the next key, from this bar or the keyboard, then lets go.
 * The buttons never take focus from the terminal, so the phone's keyboard stays open.
 */
import type {ReactNode} from 'react';
import clsx from 'clsx';
import {translate} from '@docusaurus/Translate';
import {BarKey} from './keys';
import styles from './styles.module.css';

type Props = {
  ctrl: boolean;
  onCtrl: (held: boolean) => void;
  onKey: (key: BarKey) => void;
};

export default function KeyBar({ctrl, onCtrl, onKey}: Props): ReactNode {
  const keys: {key: BarKey; text: string; label: string}[] = [
    {key: BarKey.Escape, text: 'Esc', label: translate({id: 'lab.keys.esc', message: 'Escape'})},
    {key: BarKey.Tab, text: 'Tab', label: translate({id: 'lab.keys.tab', message: 'Tab'})},
    {key: BarKey.Left, text: '←', label: translate({id: 'lab.keys.left', message: 'Left arrow'})},
    {key: BarKey.Up, text: '↑', label: translate({id: 'lab.keys.up', message: 'Up arrow'})},
    {key: BarKey.Down, text: '↓', label: translate({id: 'lab.keys.down', message: 'Down arrow'})},
    {key: BarKey.Right, text: '→', label: translate({id: 'lab.keys.right', message: 'Right arrow'})},
  ];
  // Keeps the focus (and the phone's keyboard) in the terminal.
  const keepFocus = (event: {preventDefault: () => void}) => event.preventDefault();
  return (
    <div className={styles.keyBar} role="toolbar" aria-label={translate({id: 'lab.keys.bar', message: 'Terminal keys'})} data-testid="lab-keys">
      <button
        type="button"
        className={clsx(styles.key, ctrl && styles.keyHeld)}
        aria-pressed={ctrl}
        aria-label={translate({id: 'lab.keys.ctrl', message: 'Ctrl, for the next key'})}
        onPointerDown={keepFocus}
        onMouseDown={keepFocus}
        onClick={() => onCtrl(!ctrl)}>
        Ctrl
      </button>
      {keys.map(({key, text, label}) => (
        <button key={key} type="button" className={styles.key} aria-label={label} onPointerDown={keepFocus} onMouseDown={keepFocus} onClick={() => onKey(key)}>
          {text}
        </button>
      ))}
    </div>
  );
}
