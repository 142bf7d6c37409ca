// docxtemplater (Node), the benchmark's second baseline: run by benchmarks/node.py, which
// installs docxtemplater + pizzip with npm into a scratch folder (NODE_PATH points there).
//   node docxtemplater.js one   TEMPLATE DATA.json OUT.docx      one document (cold: the whole process is timed)
//   node docxtemplater.js batch TEMPLATE DATA.json OUT_FOLDER    a list of contexts, one document each
// The parser is the "tuned" one of docxtemplater's docs: a plain lookup, no expressions.
// Prints one JSON line: seconds (after require), per_doc_ms, maxrss_mb.
"use strict";
const fs = require("fs");
const path = require("path");
const PizZip = require("pizzip");
const Docxtemplater = require("docxtemplater");

const [mode, template, dataFile, out] = process.argv.slice(2);
const parser = (tag) => ({ get: (scope) => (tag === "." ? scope : scope[tag]) });

function render(content, data) {
  const doc = new Docxtemplater(new PizZip(content), { paragraphLoop: true, linebreaks: true, parser });
  doc.render(data);
  return doc.getZip().generate({ type: "nodebuffer", compression: "DEFLATE" });
}

const t0 = process.hrtime.bigint();
const content = fs.readFileSync(template);
const data = JSON.parse(fs.readFileSync(dataFile, "utf8"));
let n = 1;
if (mode === "one") {
  fs.writeFileSync(out, render(content, data));
} else if (mode === "batch") {
  data.forEach((d, i) => fs.writeFileSync(path.join(out, `thu-${String(i + 1).padStart(3, "0")}.docx`), render(content, d)));
  n = data.length;
} else {
  throw new Error(`unknown mode ${mode}`);
}
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
const maxrss = process.resourceUsage().maxRSS / 1024; // KB → MB
console.log(JSON.stringify({ seconds, per_doc_ms: (seconds / n) * 1000, maxrss_mb: maxrss }));
