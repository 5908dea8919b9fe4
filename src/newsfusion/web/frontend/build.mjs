// Copy the third-party browser assets newsfusion needs into ../static/vendor.
//
//   cd src/newsfusion/web/frontend && npm ci && npm run build
//
// The copied files are committed, so running newsfusion never needs npm.
// VERSIONS.json records which package version each file came from.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "..", "static", "vendor");

// [package, file inside the package, name in static/vendor]
const FILES = [
  ["cytoscape", "dist/cytoscape.min.js", "cytoscape.min.js"],
  ["cytoscape", "LICENSE", "cytoscape.LICENSE.txt"],
  ["world-atlas", "countries-50m.json", "countries-50m.json"],
  ["world-atlas", "LICENSE", "world-atlas.LICENSE.txt"],
];

mkdirSync(out, { recursive: true });
const versions = {};
for (const [pkg, file, name] of FILES) {
  const root = join(here, "node_modules", pkg);
  copyFileSync(join(root, file), join(out, name));
  versions[pkg] = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).version;
  console.log(`${pkg}/${file} -> static/vendor/${name}`);
}
writeFileSync(join(out, "VERSIONS.json"), JSON.stringify(versions, null, 2) + "\n");
