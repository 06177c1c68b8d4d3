/**
 * Build args that look like credentials. With provenance `mode=max` BuildKit records every build arg in the
 * provenance it publishes with the image (docker/docs#19281, why build-push-action falls back to `mode=min` on
 * private repositories), so a token passed as a build arg ends up readable by anyone who can pull.
 */

/** Names: TOKEN, SECRET, PASSWORD/PASSWD anywhere; KEY as a whole `_`-separated word (not MONKEY or KEYBOARD). */
const NAME_RE = /TOKEN|SECRET|PASSWORD|PASSWD|(^|_)(API)?KEY(_|$)|CREDENTIAL/i;

/** Values: GitHub tokens, AWS access key ids, Slack tokens, PEM blocks. */
const VALUE_RES = [
  /\b(ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{20,}/,
  /\bgithub_pat_[A-Za-z0-9_]{20,}/,
  /\bAKIA[0-9A-Z]{16}\b/,
  /\bxox[abposr]-[A-Za-z0-9-]{10,}/,
  /-----BEGIN [A-Z0-9 ]*-----/,
];

export interface CredentialArg {
  readonly name: string;
  readonly value: string;
  /** One line for a warning annotation: names the arg and the fix, never the value. */
  readonly warning: string;
}

/** The build args that look like credentials, when provenance `mode=max` would publish them; else none. */
export function credentialBuildArgs(
  buildArgs: Readonly<Record<string, string>>,
  provenanceMode: "min" | "max" | undefined,
): CredentialArg[] {
  if (provenanceMode !== "max") return [];
  return Object.entries(buildArgs)
    .filter(([name, value]) => value !== "" && (NAME_RE.test(name) || VALUE_RES.some((re) => re.test(value))))
    .map(([name, value]) => ({
      name,
      value,
      warning:
        `build-args: ${name} looks like a credential, and provenance mode=max publishes build args with the image: ` +
        `pass it with \`secrets\` (RUN --mount=type=secret,id=${name}) instead, or set provenance: mode=min`,
    }));
}
