// A Node.js keep-alive client, as a web or Node app calls the API: a signed GET /notes/{id} through Gatehouse (the
// JavaScript SDK v3 signer, one keep-alive agent) against the same GetItem sent straight to the same DynamoDB Local
// (the SDK v3 DynamoDB client, its own keep-alive agent), interleaved. benchmarks/run calls it; prints one JSON line.
// Environment: URL, REGION, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, DYNAMODB_ENDPOINT, TABLE,
// USER_ID, NOTE_ID, SAMPLES.
import http from 'node:http';
import crypto from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';

const env = process.env;
const url = new URL(env.URL);
const samples = Number(env.SAMPLES);

class Sha256 {
  constructor(secret) { this.hash = secret ? crypto.createHmac('sha256', secret) : crypto.createHash('sha256'); }
  update(data) { this.hash.update(data); }
  async digest() { return new Uint8Array(this.hash.digest()); }
}

const credentials = { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
  sessionToken: env.AWS_SESSION_TOKEN };
const signer = new SignatureV4({ credentials, region: env.REGION, service: 'execute-api', sha256: Sha256 });
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const db = new DynamoDBClient({ region: env.REGION, endpoint: env.DYNAMODB_ENDPOINT,
  credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
  requestHandler: { httpAgent: new http.Agent({ keepAlive: true, maxSockets: 1 }) } });
const key = { userId: { S: env.USER_ID }, noteId: { S: env.NOTE_ID } };

async function signedGet() {
  const signed = await signer.sign({ method: 'GET', protocol: 'http:', hostname: url.hostname, port: Number(url.port),
    path: url.pathname, query: {}, headers: { host: url.host } });
  return new Promise((resolve, reject) => {
    const req = http.request({ agent, host: url.hostname, port: url.port, path: url.pathname, method: 'GET',
      headers: signed.headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const gateway = [];
const direct = [];
for (let i = -Math.floor(samples / 5); i < samples; i++) { // the first fifth warms both paths up
  const t0 = process.hrtime.bigint();
  const status = await signedGet();
  const t1 = process.hrtime.bigint();
  const item = await db.send(new GetItemCommand({ TableName: env.TABLE, Key: key }));
  const t2 = process.hrtime.bigint();
  if (status !== 200 || !item.Item) {
    throw new Error(`GET ${url.pathname} answered ${status}; GetItem found ${item.Item ? 'the item' : 'nothing'}`);
  }
  if (i >= 0) {
    gateway.push(Number(t1 - t0));
    direct.push(Number(t2 - t1));
  }
}
const p = (values, q) => values.sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * q))];
console.log(JSON.stringify({ samples, gatewayP50: p(gateway, 0.5), gatewayP99: p(gateway, 0.99),
  directP50: p(direct, 0.5), directP99: p(direct, 0.99) }));
agent.destroy();
db.destroy();
