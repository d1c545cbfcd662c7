// Builds static/dist/: the site's CSS from Sass, and GOV.UK Frontend's JavaScript.
// Run with `npm run build` (the Makefile does).
import { copyFileSync, cpSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..");
const dist = join(here, "dist");
const govuk = join(root, "node_modules", "govuk-frontend", "dist", "govuk");

mkdirSync(dist, { recursive: true });
const result = sass.compile(join(here, "src", "app.scss"), {
  loadPaths: [join(root, "node_modules"), join(here, "src")],
  style: "compressed",
  quietDeps: true,
  silenceDeprecations: ["import"],
});
if (/url\(["']?\/assets\//.test(result.css) || result.css.includes("GDS Transport")) {
  throw new Error("the built CSS still points at GOV.UK's /assets/ or its font");
}
writeFileSync(join(dist, "app.css"), result.css);
copyFileSync(join(govuk, "govuk-frontend.min.js"), join(dist, "govuk-frontend.min.js"));
// The CSS refers to images relative to itself (govuk/images/...): ship them so every URL resolves.
cpSync(join(govuk, "assets", "images"), join(dist, "govuk", "images"), { recursive: true });
console.log(`built ${join("static", "dist", "app.css")} (${result.css.length} bytes)`);
