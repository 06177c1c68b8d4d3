import { imageExporter, type Exporter } from "../../buildkit/index.js";
import { InputError } from "../input-error.js";
import { INPUT_NAMES as N } from "../inputs.js";
import type { BuildPlan, Output } from "../plan.js";
import { annotationAttr } from "./parse-annotations.js";

/** What the exporters depend on besides the output itself. */
export interface ExportContext {
  /** The builder is the Docker daemon's embedded BuildKit (loads go through its `moby` exporter). */
  readonly viaDocker: boolean;
  /** The Docker daemon keeps images in its classic store (no attestations, no multi-platform). */
  readonly classic: boolean;
  readonly hasAttestations: boolean;
}

/**
 * One output as a BuildKit exporter; `undefined` for `cacheonly`. Throws {@link InputError} when the output cannot
 * work with this builder (pushing from the classic image store, for one).
 */
export function toExporter(output: Output, plan: BuildPlan, on: ExportContext): Exporter | undefined {
  const rewriteTimestamp = plan.sourceDateEpoch.seconds !== undefined ? true : undefined;
  const annotations = Object.fromEntries(plan.annotations.map((a) => [annotationAttr(a), a.value]));
  const needsContainerd = (what: string, input: string): void => {
    if (on.viaDocker && on.classic) {
      throw new InputError(
        input,
        `${what} needs the Docker daemon's containerd image store; turn it on or use driver: docker-container`,
      );
    }
  };
  const imageAttrs = (
    names: readonly string[],
    extra: Readonly<Record<string, string>>,
    rewrite: boolean | undefined,
  ) =>
    imageExporter({
      names,
      ...(rewrite === undefined ? {} : { rewriteTimestamp: rewrite }),
      annotations,
      extra,
    }).attrs;
  switch (output.type) {
    case "image":
      needsContainerd(output.push ? "pushing" : "the image exporter", output.push ? N.push : N.outputs);
      return imageExporter({
        names: output.names,
        push: output.push,
        // Push-only: nothing to unpack, so nothing conflicts with rewrite-timestamp.
        ...(output.push ? { store: false } : {}),
        ...(rewriteTimestamp === undefined ? {} : { rewriteTimestamp }),
        annotations,
        extra: output.attrs,
      });
    case "load":
      if (on.viaDocker) return imageExporter({ names: output.names, annotations, extra: output.attrs }, "moby");
      if (on.classic && on.hasAttestations) {
        throw new InputError(
          N.load,
          "attestations cannot be loaded into the Docker daemon's classic image store; set provenance: false and sbom: false, or turn on the containerd image store",
        );
      }
      return {
        type: on.classic ? "docker" : "oci",
        attrs: imageAttrs(output.names, output.attrs, rewriteTimestamp),
        dest: output.tarball,
      };
    case "docker":
    case "oci":
      needsContainerd(`type=${output.type}`, N.outputs);
      return { type: output.type, attrs: imageAttrs(output.names, output.attrs, rewriteTimestamp), dest: output.dest };
    case "tar":
    case "local":
      return { type: output.type, attrs: output.attrs, dest: output.dest };
    case "cacheonly":
      return undefined;
  }
}
