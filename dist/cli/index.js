#!/usr/bin/env node
import nodeModule from "node:module";
try {
  nodeModule.enableCompileCache?.();
} catch {}
await import("./body.js");
