/** This package's version, sent with every event as `sdk: shoptel-browser/<version>`. */
export const SDK_VERSION = '0.1.0';
export const SDK_NAME = `shoptel-browser/${SDK_VERSION}`;
