export { DockerError } from "./docker-error.js";
export { parseDockerHost, formatDockerHost, type DockerHost, type DockerTls } from "./docker-host.js";
export { hijack, type HijackOptions } from "./hijack.js";
