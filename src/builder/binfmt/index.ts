export { qemuArch, nativePlatforms } from "./qemu-arch.js";
export {
  BINFMT_MISC_DIR,
  parseBinfmtEntry,
  readBinfmtEntries,
  parseBinfmtDefinition,
  hexToEscaped,
  registerLine,
  registerBinfmt,
  unregisterBinfmt,
  type BinfmtEntry,
  type BinfmtDefinition,
} from "./binfmt-misc.js";
export { missingEmulators, handlesArch, type MissingEmulator } from "./missing-emulators.js";
export {
  DEFAULT_BINFMT_IMAGE,
  binfmtContainerSpec,
  installWithImage,
  type BinfmtImageOptions,
} from "./binfmt-image.js";
export {
  ensureEmulators,
  hostQemuDefaults,
  type EnsureEmulatorsOptions,
  type EmulationReport,
  type HostQemuOptions,
} from "./ensure-emulators.js";
