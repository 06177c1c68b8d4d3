export { DockerError } from "./docker-error.js";
export { parseDockerHost, formatDockerHost, type DockerHost, type DockerTls } from "./docker-host.js";
export { hijack, type HijackOptions } from "./hijack.js";
export { engineDefaults, type EngineCallOptions } from "./engine-api.js";
export { ping, version, info, usesContainerdStore, type EngineVersion, type EngineInfo } from "./system.js";
export {
  inspectImage,
  findPinnedImage,
  pinnedImageAlias,
  pullImage,
  tagImage,
  pullParams,
  pullDefaults,
  type ImageInspect,
  type PullOptions,
  type PullProgress,
} from "./images.js";
export {
  createContainer,
  startContainer,
  inspectContainer,
  removeContainer,
  containerLogs,
  putArchive,
  waitContainer,
  type ContainerCreateBody,
  type ContainerInspect,
  type MountSpec,
} from "./containers.js";
export { createVolume, removeVolume } from "./volumes.js";
export {
  createExec,
  startExec,
  inspectExec,
  execAttach,
  execRun,
  type ExecConfig,
  type ExecInspect,
  type ExecResult,
} from "./exec.js";
export { ExecStream } from "./exec-stream.js";
export { StdcopyDemuxer, StdStream, type StdcopySink } from "./stdcopy.js";
export { tarArchive, type TarEntry } from "./tar-archive.js";
export { saveImages, loadImages, imageArchiveDefaults, type LoadedImages } from "./image-archive.js";
