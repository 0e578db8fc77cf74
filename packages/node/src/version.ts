/** This package's version, written into every record as `sdk: shoptel-node/<version>`. */
export const SDK_VERSION = '0.1.0';
export const SDK_NAME = `shoptel-node/${SDK_VERSION}`;
