/**
 * The parameters of a URL's query and of its hash route's query: hash routers keep theirs after
 * the `#` (`/#/search?q=mug`), where `location.search` does not see them. The real query wins.
 */
export const readUrlParams = (url: Location | URL): URLSearchParams =>
  new URLSearchParams(`${url.search}&${url.hash.split('?')[1] ?? ''}`);
