// Signs one POST per header case with the JavaScript SDK v3 signer (@smithy/signature-v4), sends it with Node's http
// module exactly as signed, then sends a copy with one byte of the header value changed.
// Usage: node send-signed.mjs spec.json   (spec: {url, path, accessKeyId, secretAccessKey, sessionToken, cases})
// Prints one JSON line per case: {name, value, signed, status, event, tamperedStatus}.
import { readFileSync } from "node:fs";
import http from "node:http";
import zlib from "node:zlib";
import { Sha256 } from "@aws-crypto/sha256-js";
import { HttpRequest } from "@smithy/protocol-http";
import { SignatureV4 } from "@smithy/signature-v4";

const spec = JSON.parse(readFileSync(process.argv[2], "utf8"));
const url = new URL(spec.url);
const signer = new SignatureV4({
  credentials: { accessKeyId: spec.accessKeyId, secretAccessKey: spec.secretAccessKey, sessionToken: spec.sessionToken },
  region: "us-east-1", service: "execute-api", sha256: Sha256,
});

function send(headers, body) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port: Number(url.port), method: "POST", path: spec.path,
      headers, setHost: false }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => {
        let bytes = Buffer.concat(chunks);
        // Javalin gzips a large answer to a request that accepts gzip: read it as text all the same
        if (res.headers["content-encoding"] === "gzip") bytes = zlib.gunzipSync(bytes);
        resolve({ status: res.statusCode, body: bytes.toString("utf8") });
      });
    });
    req.on("error", reject);
    req.end(body);
  });
}

function oneByteChanged(value) {
  for (let i = value.length - 1; i >= 0; i--) {
    const c = value[i];
    if (c.toLowerCase() !== c.toUpperCase()) {
      const flipped = c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase();
      return value.slice(0, i) + flipped + value.slice(i + 1);
    }
  }
  return value + "x";
}

for (const c of spec.cases) {
  const body = "{}";
  const headers = { host: c.name.toLowerCase() === "host" ? c.value : url.host, "content-length": String(body.length) };
  if (c.name.toLowerCase() !== "host") headers[c.name] = c.value;
  const signed = await signer.sign(new HttpRequest({ method: "POST", protocol: "http:", hostname: url.hostname,
    port: Number(url.port), path: spec.path, headers, body }));
  const signedNames = /SignedHeaders=([^,]+)/.exec(signed.headers["authorization"])[1].split(";");
  const answer = await send(signed.headers, body);
  const tampered = { ...signed.headers };
  const key = Object.keys(tampered).find((k) => k.toLowerCase() === c.name.toLowerCase());
  tampered[key] = oneByteChanged(tampered[key]);
  const refused = await send(tampered, body);
  let event = null;
  try { event = JSON.parse(answer.body); } catch { event = answer.body; }
  console.log(JSON.stringify({ name: c.name, value: c.value, signed: signedNames.includes(c.name.toLowerCase()),
    status: answer.status, event, tamperedStatus: refused.status, tamperedBody: refused.body }));
}
