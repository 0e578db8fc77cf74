import type { BehaviorEventType, BehaviorSource } from '../events/behavior-record.js';
import type { AnyProps } from '../events/event-props.js';

/** How a capture hands an event to the tracker; `timeMs` when it happened earlier than now. */
export type TrackFn = (
  type: BehaviorEventType,
  props: AnyProps,
  source: BehaviorSource,
  timeMs?: number,
) => void;

/** What every `start*` capture returns: undoes its listeners and wrappers. */
export interface Stoppable {
  stop(): void;
}

/** Runs a capture's handler so its failure is reported, never thrown into the page. */
export type Guard = <A extends unknown[]>(handler: (...args: A) => void) => (...args: A) => void;
