/**
 * Kiln's version for `kiln --version`: package.json's, kept here because the bundle carries no package.json
 * (a unit test holds the two equal).
 */
export const KILN_VERSION = "0.1.0";
