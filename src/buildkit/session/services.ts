// The session services a build chooses (registry auth, secrets, SSH agents) in one module, loaded with the solve's
// modules (BuildkitClient.prepareSolve) rather than at start-up: their protobuf descriptors are not needed before.
export { auth, type CredentialProvider, type RegistryCredentials } from "./auth.js";
export { secrets, type SecretSource } from "./secrets.js";
export { sshAgents } from "./ssh-forward.js";
