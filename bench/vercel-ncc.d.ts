// @vercel/ncc ships no types; the bench calls it once (client-floor.ts), as scripts/bundle.mjs does.
declare module "@vercel/ncc" {
  export default function ncc(
    entry: string,
    options: { minify?: boolean; quiet?: boolean; externals?: readonly string[] },
  ): Promise<{ code: string }>;
}
