/** Messages between the bench (parent) and a server host (child). */
export type HostRequest =
  | {type: 'usage'; collectGarbage: boolean}
  | {type: 'pty-rate'; command: string}
  /** CPU profile of the host between `start` and `stop`; `stop` writes it to `file` (.cpuprofile). */
  | {type: 'profile'; action: 'start'} | {type: 'profile'; action: 'stop'; file: string}
  | {type: 'exit'};

export type HostReply =
  | {type: 'listening'; port: number}
  /** CPU time of the host process so far (µs) and its resident memory. */
  | {type: 'usage'; userMicros: number; systemMicros: number; rssBytes: number}
  /** node-pty alone: bytes read from the PTY, wall seconds, and the CPU time it took (µs). */
  | {type: 'pty-rate'; bytes: number; seconds: number; cpuMicros: number; userMicros: number}
  | {type: 'profiled'};
