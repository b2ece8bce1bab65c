/** The part of react-dom/client the site's client entry uses (the package ships no types, and no @types/react-dom is installed). */
declare module 'react-dom/client' {
  import type {ErrorInfo, ReactNode} from 'react';

  export interface Root {
    render(children: ReactNode): void;
    unmount(): void;
  }
  export interface RootOptions {
    onRecoverableError?: (error: unknown, errorInfo: ErrorInfo) => void;
  }
  export function createRoot(container: Element, options?: RootOptions): Root;
  export function hydrateRoot(container: Element, initialChildren: ReactNode, options?: RootOptions): Root;
}
