import { readFileSync } from "node:fs";
import path from "node:path";
import type { BuilderSpec, RegistrySettings } from "../../builder/spec.js";
import { splitFlags } from "../../builder/docker-container/container-plan.js";
import { parse as parseToml } from "smol-toml";
import {
  registryFilePaths,
  tomlSyntaxError,
  type UserBuildkitdConfig,
} from "../../builder/docker-container/buildkitd-toml.js";
import { InputError, quote } from "../input-error.js";
import { parseBool } from "../values/parse-bool.js";
import { parseList } from "../values/parse-list.js";
import { parseDriverOpts } from "./parse-driver-opts.js";
import type { ActionInputs } from "../inputs.js";

export type { BuilderSpec };

const ADDRESS_RE = /^(unix:\/\/\/?\S+|tcp:\/\/[^\s/]+:\d+\/?)$/;
const HOST_RE = /^[A-Za-z0-9.-]+(:\d+)?$/;
const MIRROR_RE = /^[A-Za-z0-9.-]+(:\d+)?(\/[A-Za-z0-9._/-]+)?$/;

/** The builder's inputs, raw (setup-buildx-action's and setup-qemu-action's names). */
export type BuilderInputs = Pick<
  ActionInputs,
  | "driver"
  | "endpoint"
  | "driverOpts"
  | "buildkitdFlags"
  | "buildkitdConfig"
  | "buildkitdConfigInline"
  | "insecureRegistries"
  | "registryMirrors"
  | "binfmtImage"
  | "keepState"
>;

export const NO_BUILDER_INPUTS: BuilderInputs = Object.freeze({
  driver: "",
  endpoint: "",
  driverOpts: "",
  buildkitdFlags: "",
  buildkitdConfig: "",
  buildkitdConfigInline: "",
  insecureRegistries: "",
  registryMirrors: "",
  binfmtImage: "",
  keepState: "",
});

/**
 * `driver`, `endpoint` and the options that shape the builder. The default driver is `docker-container`, as with
 * setup-buildx-action: a current BuildKit with every cache backend (s3, azblob, gha v2) and multi-platform output
 * whatever the daemon's store. Options a driver cannot apply are an error when ignoring them would break the
 * build (insecure registries on the Docker daemon's BuildKit) and a warning when the daemon's owner may have done
 * it already (a remote daemon).
 */
export function parseBuilder(
  inputs: BuilderInputs,
  context: { readonly workspace: string; readonly hasNodes: boolean; readonly warnings: string[] },
): BuilderSpec {
  const driver = inputs.driver.trim() || "docker-container";
  const endpoint = inputs.endpoint.trim();
  if (endpoint !== "" && !ADDRESS_RE.test(endpoint)) {
    throw InputError.expected(
      "endpoint",
      'an address like "unix:///run/buildkit/buildkitd.sock" or "tcp://host:1234"',
      endpoint,
    );
  }
  if (driver !== "docker" && driver !== "docker-container" && driver !== "remote") {
    throw InputError.expected("driver", "docker, docker-container or remote", driver);
  }
  const registries = parseRegistries(inputs);
  const opts = parseDriverOpts(inputs.driverOpts, driver, context);
  const binfmtImage = inputs.binfmtImage.trim();
  if (binfmtImage !== "" && /\s/.test(binfmtImage)) {
    throw InputError.expected(
      "binfmt-image",
      'an image reference like "tonistiigi/binfmt:qemu-v9.2.2@sha256:..."',
      binfmtImage,
    );
  }
  const keepState = parseBool(inputs.keepState, "keep-state");
  const common = {
    ...(registries.insecure.length > 0 || registries.mirrors.length > 0 ? { registries } : {}),
    ...(binfmtImage ? { binfmtImage } : {}),
    ...(opts.tls ? { tls: opts.tls } : {}),
  };
  const daemonSide = ["buildkitd-flags", "buildkitd-config", "buildkitd-config-inline", "keep-state"].filter((name) =>
    ({
      "buildkitd-flags": inputs.buildkitdFlags,
      "buildkitd-config": inputs.buildkitdConfig,
      "buildkitd-config-inline": inputs.buildkitdConfigInline,
      "keep-state": keepState ? "true" : "",
    })[name]?.trim(),
  );
  switch (driver) {
    case "docker":
      if (registries.insecure.length > 0) {
        throw new InputError(
          "insecure-registries",
          `driver docker builds with the Docker daemon's own BuildKit, which Kiln cannot configure: add ${registries.insecure.map((h) => quote(h)).join(", ")} to "insecure-registries" in the daemon's /etc/docker/daemon.json and restart it, or use driver: docker-container`,
        );
      }
      if (registries.mirrors.length > 0) {
        context.warnings.push(
          'registry-mirrors: driver docker uses the Docker daemon\'s "registry-mirrors" (daemon.json), which Kiln cannot set; these apply only to pulling the binfmt image',
        );
      }
      warnIgnored(daemonSide, "docker", context.warnings);
      return { driver, ...(endpoint === "" ? {} : { dockerHost: endpoint }), ...common };
    case "remote":
      if (endpoint === "") {
        throw InputError.expected("endpoint", 'a BuildKit address for driver remote, like "tcp://buildkitd:1234"');
      }
      if (registries.insecure.length > 0 || registries.mirrors.length > 0) {
        context.warnings.push(
          `insecure-registries, registry-mirrors: a remote BuildKit is configured by its owner: its buildkitd.toml needs ${describeToml(registries)}`,
        );
      }
      warnIgnored(daemonSide, "remote", context.warnings);
      return { driver, endpoint, ...common };
    default: {
      const config = userConfig(inputs, context.workspace);
      const flags = inputs.buildkitdFlags.trim();
      let words: string[] | undefined;
      try {
        words = flags === "" ? undefined : splitFlags(flags);
      } catch (err) {
        throw new InputError("buildkitd-flags", (err as Error).message.replace(/^buildkitd-flags: /, ""));
      }
      const container = {
        env: opts.env,
        resources: opts.resources,
        keepState,
        ...(opts.image ? { image: opts.image } : {}),
        ...(opts.network ? { network: opts.network } : {}),
        ...(words ? { flags: words } : {}),
        ...(config ? { config } : {}),
      };
      const defaults =
        Object.keys(opts.env).length === 0 &&
        Object.keys(opts.resources).length === 0 &&
        Object.keys(container).length === 3 &&
        !keepState;
      return {
        driver,
        ...(endpoint === "" ? {} : { dockerHost: endpoint }),
        ...(defaults ? {} : { container }),
        ...common,
      };
    }
  }
}

function parseRegistries(inputs: BuilderInputs): RegistrySettings {
  const insecure = parseList(inputs.insecureRegistries, "insecure-registries");
  for (const host of insecure) {
    if (!HOST_RE.test(host)) {
      throw InputError.expected(
        "insecure-registries",
        'registries as host[:port] without a scheme, like "registry.internal:5000"',
        host,
      );
    }
  }
  const mirrors = parseList(inputs.registryMirrors, "registry-mirrors").map((m) => m.replace(/^https?:\/\//, ""));
  for (const mirror of mirrors) {
    if (!MIRROR_RE.test(mirror)) {
      throw InputError.expected(
        "registry-mirrors",
        'Docker Hub mirrors as host[:port][/path], like "mirror.gcr.io"',
        mirror,
      );
    }
  }
  return { insecure: [...new Set(insecure)], mirrors };
}

function userConfig(inputs: BuilderInputs, workspace: string): UserBuildkitdConfig | undefined {
  const file = inputs.buildkitdConfig.trim();
  const inline = inputs.buildkitdConfigInline;
  if (file !== "" && inline.trim() !== "") {
    throw new InputError("buildkitd-config", "expected buildkitd-config or buildkitd-config-inline, got both");
  }
  let config: UserBuildkitdConfig;
  if (file !== "") {
    const full = path.resolve(workspace, file);
    let content: string;
    try {
      content = readFileSync(full, "utf8");
    } catch (err) {
      throw InputError.expected(
        "buildkitd-config",
        `a readable buildkitd.toml file (${(err as NodeJS.ErrnoException).code ?? "unreadable"})`,
        file,
      );
    }
    config = { source: "buildkitd-config", content };
  } else if (inline.trim() !== "") {
    config = { source: "buildkitd-config-inline", content: inline };
  } else return undefined;
  const problem = tomlSyntaxError(config.content);
  if (problem !== undefined)
    throw new InputError(config.source, `expected TOML (a buildkitd.toml), got a syntax error at ${problem}`);
  // CA and client certificate files the registry tables name are on the runner: read now, copied into the container.
  const input = file !== "" ? "buildkitd-config" : "buildkitd-config-inline";
  const files: Record<string, string> = {};
  for (const named of registryFilePaths(parseToml(config.content))) {
    try {
      files[named] = readFileSync(path.resolve(workspace, named), "utf8");
    } catch (err) {
      throw InputError.expected(
        input,
        `registry certificate files that exist on the runner (${(err as NodeJS.ErrnoException).code ?? "unreadable"})`,
        named,
      );
    }
  }
  return Object.keys(files).length > 0 ? { ...config, files } : config;
}

function describeToml(r: RegistrySettings): string {
  const parts = r.insecure.map((h) => `[registry."${h}"] http = true, insecure = true`);
  if (r.mirrors.length > 0) parts.push(`[registry."docker.io"] mirrors = ${JSON.stringify(r.mirrors)}`);
  return parts.join("; ");
}

function warnIgnored(names: readonly string[], driver: string, warnings: string[]): void {
  if (names.length > 0)
    warnings.push(`${names.join(", ")}: driver ${driver} does not start a BuildKit of its own; ignored`);
}
