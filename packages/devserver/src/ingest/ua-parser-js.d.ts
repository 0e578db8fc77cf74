// ua-parser-js 1.0 ships no types; the part the devserver uses.
declare module 'ua-parser-js' {
  interface UAParserResult {
    browser: { name?: string; version?: string; major?: string };
    os: { name?: string; version?: string };
    device: { vendor?: string; model?: string; type?: string };
  }
  function UAParser(userAgent: string): UAParserResult;
  export default UAParser;
}
