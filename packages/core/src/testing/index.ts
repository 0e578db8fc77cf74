export { createFakeClock, type FakeClock, settlePromises } from './create-fake-clock.js';
export {
  bodyText,
  createFakeTransport,
  type FakeAnswer,
  type FakeTransport,
  okIngestAnswer,
  type RecordedRequest,
} from './create-fake-transport.js';
