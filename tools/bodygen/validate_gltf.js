// Runs the Khronos glTF-Validator on bodygen's output; exits non-zero on any error or warning.
//   cd /tmp && npm install gltf-validator && node /path/to/validate_gltf.js /path/to/models/*.gltf
// (run it from the folder that holds node_modules; docs/BODY.md records the last result)
const validator = require('gltf-validator');
const fs = require('fs');
const path = require('path');
let failed = 0;
(async () => {
  for (const file of process.argv.slice(2)) {
    const data = new Uint8Array(fs.readFileSync(file));
    const dir = path.dirname(file);
    const report = await validator.validateBytes(data, {
      uri: file,
      externalResourceFunction: (uri) => new Promise((resolve, reject) => {
        try { resolve(new Uint8Array(fs.readFileSync(path.join(dir, decodeURIComponent(uri))))); } catch (e) { reject(e.toString()); }
      }),
    });
    const i = report.issues;
    console.log(`${file}: ${i.numErrors} errors, ${i.numWarnings} warnings, ${i.numInfos} infos, ${i.numHints} hints (validator ${report.validatorVersion})`);
    for (const m of i.messages) console.log(`  [${m.severity}] ${m.code}: ${m.message} ${m.pointer || ''}`);
    if (i.numErrors || i.numWarnings) failed = 1;
  }
  process.exit(failed);
})();
