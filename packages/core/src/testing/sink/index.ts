export {
  type FaultSink,
  type FaultSinkOptions,
  SinkFault,
  type SinkRequest,
  seededRandom,
  startFaultSink,
} from './start-fault-sink.js';
