export { BuilderError, type BuilderErrorCode } from "./builder-error.js";
export {
  buildkitdToml,
  buildkitConfigDir,
  mirrorsOf,
  tomlSyntaxError,
  type RegistryOptions,
  type UserBuildkitdConfig,
  type ConfigFile,
} from "./buildkitd-toml.js";
export {
  planContainer,
  containerNames,
  registryHost,
  splitFlags,
  DEFAULT_BUILDKIT_IMAGE,
  DEFAULT_BUILDKITD_FLAGS,
  CONFIG_HASH_LABEL,
  BUILDER_LABEL,
  type DockerContainerOptions,
  type ContainerPlan,
  type ContainerResources,
} from "./container-plan.js";
export {
  bootstrapContainer,
  removeBuilder,
  bootstrapDefaults,
  type BootstrapOptions,
  type Bootstrapped,
} from "./bootstrap.js";
