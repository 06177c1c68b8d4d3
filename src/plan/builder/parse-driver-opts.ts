import path from "node:path";
import type { ContainerResources } from "../../builder/docker-container/container-plan.js";
import type { RemoteTlsInput } from "../../builder/remote-endpoint.js";
import { InputError, quote } from "../input-error.js";
import { parseList } from "../values/parse-list.js";
import { parseSize } from "../values/parse-size.js";

const NAME = "driver-opts";

/** What `driver-opts` holds once parsed; each driver takes its own keys (setup-buildx-action's names). */
export interface DriverOpts {
  readonly image?: string;
  readonly network?: string;
  readonly env: Record<string, string>;
  readonly resources: ContainerResources;
  readonly tls?: RemoteTlsInput;
}

// buildx driver/docker-container/factory.go and driver/remote/factory.go option names.
const CONTAINER_KEYS =
  "image, network, env.NAME, memory, memory-swap, cpu-quota, cpu-period, cpu-shares, cpuset-cpus, cpuset-mems, cgroup-parent";
const TLS_KEYS = "cacert, cert, key, servername";

/**
 * `driver-opts`: `key=value` items, one per line or comma-separated (the CSV list parser, so a quoted value may hold
 * commas). Keys depend on the driver: docker-container takes the container's image, network, environment and
 * limits; remote takes TLS material as file paths (resolved against the workspace, checked to exist). TLS keys
 * are also accepted with other drivers when `nodes` are given: they apply to the tcp nodes.
 */
export function parseDriverOpts(
  input: string,
  driver: string,
  context: { readonly workspace: string; readonly hasNodes: boolean },
): DriverOpts {
  const env: Record<string, string> = {};
  const resources: { -readonly [K in keyof ContainerResources]: ContainerResources[K] } = {};
  const tls: { -readonly [K in keyof RemoteTlsInput]: RemoteTlsInput[K] } = {};
  let image: string | undefined;
  let network: string | undefined;
  const takesContainer = driver === "docker-container";
  const takesTls = driver === "remote" || context.hasNodes;
  for (const item of parseList(input, NAME)) {
    const eq = item.indexOf("=");
    const key = eq < 0 ? "" : item.slice(0, eq).trim();
    const value = eq < 0 ? "" : item.slice(eq + 1).trim();
    if (key === "") throw InputError.expected(NAME, "key=value items", item);
    const int = (): number => {
      if (!/^-?\d+$/.test(value)) throw InputError.expected(NAME, `${key}=<integer>`, item);
      return Number(value);
    };
    const size = (): number => parseSize(value, NAME) ?? 0;
    const file = (): string => path.resolve(context.workspace, value);
    const isTlsKey = ["cacert", "cert", "key", "servername"].includes(key);
    if (isTlsKey && !takesTls) {
      throw new InputError(NAME, `${key}= applies to driver remote (or to nodes), not to driver ${driver}`);
    }
    if (!isTlsKey && !takesContainer) {
      const keys = driver === "remote" ? TLS_KEYS : "none";
      throw new InputError(NAME, `expected keys for driver ${driver} (${keys}), got ${quote(key)}`);
    }
    if (key.startsWith("env.")) {
      const name = key.slice(4);
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw InputError.expected(NAME, "env.NAME=value", item);
      env[name] = value;
      continue;
    }
    switch (key) {
      case "image":
        if (!/^[^\s]+$/.test(value)) throw InputError.expected(NAME, "image=<image reference>", item);
        image = value;
        break;
      case "network":
        if (!/^[\w.:-]+$/.test(value)) throw InputError.expected(NAME, "network=<docker network name or host>", item);
        network = value;
        break;
      case "memory":
        resources.memoryBytes = size();
        break;
      case "memory-swap":
        // -1 is Docker's "unlimited swap".
        resources.memorySwapBytes = value === "-1" ? -1 : size();
        break;
      case "cpu-quota":
        resources.cpuQuota = int();
        break;
      case "cpu-period":
        resources.cpuPeriod = int();
        break;
      case "cpu-shares":
        resources.cpuShares = int();
        break;
      case "cpuset-cpus":
        resources.cpusetCpus = value;
        break;
      case "cpuset-mems":
        resources.cpusetMems = value;
        break;
      case "cgroup-parent":
        resources.cgroupParent = value;
        break;
      case "cacert":
        tls.caFile = file();
        break;
      case "cert":
        tls.certFile = file();
        break;
      case "key":
        tls.keyFile = file();
        break;
      case "servername":
        tls.serverName = value;
        break;
      default:
        throw new InputError(
          NAME,
          `expected keys for driver ${driver} (${takesContainer ? CONTAINER_KEYS : TLS_KEYS}), got ${quote(key)}`,
        );
    }
  }
  if ((tls.certFile === undefined) !== (tls.keyFile === undefined)) {
    throw new InputError(NAME, "expected cert= and key= together (mTLS needs both)");
  }
  return {
    env,
    resources,
    ...(image === undefined ? {} : { image }),
    ...(network === undefined ? {} : { network }),
    ...(Object.keys(tls).length > 0 ? { tls } : {}),
  };
}
