// Gatehouse's Node.js runtime client: the Lambda Runtime API loop, loading the handler as AWS's Node.js runtime
// does (_HANDLER "path/file.export", CommonJS or ES module, .js/.mjs/.cjs, async or callback handlers), with Lambda's
// context object and console lines that carry the request id. Written for Gatehouse from the documented behaviour.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import util from 'node:util';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';

const API = process.env.AWS_LAMBDA_RUNTIME_API;
const BASE = '/2018-06-01/runtime';
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const [apiHost, apiPort] = API.split(':');

function request(method, urlPath, body, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: apiHost, port: apiPort, method, path: BASE + urlPath, agent, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

function postJson(urlPath, value, headers = {}) {
  const body = Buffer.from(JSON.stringify(value));
  return request('POST', urlPath, body,
    { 'Content-Type': 'application/json', 'Content-Length': body.length, ...headers });
}

// ---- logging: "<ISO time>\t<request id>\t<LEVEL>\t<message>", one record per line (newlines as \r) ----
let currentRequestId;
function patchConsole() {
  const levels = { log: 'INFO', info: 'INFO', warn: 'WARN', error: 'ERROR', debug: 'DEBUG', trace: 'TRACE' };
  for (const [name, level] of Object.entries(levels)) {
    console[name] = (...args) => {
      let message = util.format(...args);
      if (name === 'trace') message = 'Trace: ' + message + '\n' + new Error().stack.split('\n').slice(2).join('\n');
      const line = `${new Date().toISOString()}\t${currentRequestId ?? 'undefined'}\t${level}\t${message}`;
      process.stdout.write(line.replace(/\n/g, '\r') + '\n');
    };
  }
}

// ---- errors in Lambda's Node.js shape: {errorType, errorMessage, trace} ----
function toError(err, fallbackType) {
  if (err instanceof Error) {
    return { errorType: err.name || fallbackType, errorMessage: err.message, trace: String(err.stack || '').split('\n') };
  }
  try {
    return { errorType: fallbackType || 'Error', errorMessage: typeof err === 'string' ? err : JSON.stringify(err), trace: [] };
  } catch {
    return { errorType: fallbackType || 'Error', errorMessage: String(err), trace: [] };
  }
}

class RuntimeError extends Error {
  constructor(name, message) {
    super(message);
    this.name = name;
  }
}

// ---- loading the handler ----
async function loadHandler() {
  const taskRoot = process.env.LAMBDA_TASK_ROOT || process.cwd();
  const handlerString = process.env._HANDLER || '';
  const slash = handlerString.lastIndexOf('/');
  const dot = handlerString.indexOf('.', slash + 1);
  if (dot < 0) {
    throw new RuntimeError('Runtime.MalformedHandlerName', `Bad handler ${handlerString}`);
  }
  const modulePath = handlerString.substring(0, dot);
  const exportPath = handlerString.substring(dot + 1);
  const base = path.resolve(taskRoot, modulePath);
  let file;
  for (const ext of ['', '.js', '.mjs', '.cjs']) {
    const candidate = base + ext;
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) {
      file = candidate;
      break;
    }
  }
  if (!file) {
    throw new RuntimeError('Runtime.ImportModuleError',
      `Error: Cannot find module '${modulePath}'\nRequire stack:\n- ${taskRoot}`);
  }
  let mod;
  try {
    // an extensionless file is CommonJS (import() refuses it); the rest as Node decides (.mjs, .cjs, package type)
    mod = path.extname(file) === '' ? createRequire(file)(file) : await import(pathToFileURL(file).href);
  } catch (err) {
    if (err instanceof SyntaxError) {
      throw new RuntimeError('Runtime.UserCodeSyntaxError', `${err.name}: ${err.message}`);
    }
    throw err;
  }
  let handler = resolvePath(mod, exportPath);
  if (handler === undefined && mod.default) handler = resolvePath(mod.default, exportPath);
  if (handler === undefined) {
    throw new RuntimeError('Runtime.HandlerNotFound', `${modulePath}.${exportPath} is undefined or not exported`);
  }
  if (typeof handler !== 'function') {
    throw new RuntimeError('Runtime.HandlerNotFound', `${modulePath}.${exportPath} is not a function`);
  }
  return handler;
}

function resolvePath(object, dotted) {
  return dotted.split('.').reduce((o, key) => (o == null ? undefined : o[key]), object);
}

// ---- the context object ----
function makeContext(headers) {
  const deadline = Number(headers['lambda-runtime-deadline-ms']);
  const context = {
    callbackWaitsForEmptyEventLoop: true,
    functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
    functionVersion: process.env.AWS_LAMBDA_FUNCTION_VERSION,
    invokedFunctionArn: headers['lambda-runtime-invoked-function-arn'],
    memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    awsRequestId: headers['lambda-runtime-aws-request-id'],
    logGroupName: process.env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: process.env.AWS_LAMBDA_LOG_STREAM_NAME,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
  if (headers['lambda-runtime-client-context']) {
    context.clientContext = JSON.parse(headers['lambda-runtime-client-context']);
  }
  if (headers['lambda-runtime-cognito-identity']) {
    context.identity = JSON.parse(headers['lambda-runtime-cognito-identity']);
  }
  return context;
}

// ---- one invocation: the handler's result through its promise or its callback, whichever comes first ----
function runHandler(handler, event, context) {
  return new Promise((resolve, reject) => {
    let settled = false;
    const callback = (err, result) => {
      if (settled) return;
      settled = true;
      if (err !== undefined && err !== null) reject(err); else resolve(result);
    };
    context.done = callback;
    context.succeed = (result) => callback(null, result);
    context.fail = (err) => callback(err ?? 'handled');
    let returned;
    try {
      returned = handler(event, context, callback);
    } catch (err) {
      callback(err);
      return;
    }
    if (returned && typeof returned.then === 'function') {
      returned.then((result) => callback(null, result), (err) => callback(err ?? new Error('undefined rejection')));
    } else if (handler.length < 3 && !settled) {
      // a synchronous handler without a callback parameter: its return value is the result
      callback(null, returned);
    }
  });
}

// Marks the end of an invocation's output for Gatehouse (its call record then holds every line logged before the
// answer). Writes to a pipe are synchronous in Node.js on Linux, so the marker is in the pipe before the answer is sent.
function endOfOutput(id) {
  process.stdout.write(`\u0000gatehouse:end ${id}\n`);
}

async function main() {
  patchConsole();
  let handler;
  try {
    handler = await loadHandler();
  } catch (err) {
    const error = toError(err, 'Runtime.ImportModuleError');
    console.error(`${error.errorType}: ${error.errorMessage}`);
    await postJson('/init/error', error, { 'Lambda-Runtime-Function-Error-Type': error.errorType });
    process.exit(129);
  }
  let inFlightId;
  const failInFlight = async (err, type) => {
    const error = toError(err, type);
    console.error(`${error.errorType}: ${error.errorMessage}`);
    if (inFlightId) {
      endOfOutput(inFlightId);
      await postJson(`/invocation/${inFlightId}/error`, error,
        { 'Lambda-Runtime-Function-Error-Type': 'Unhandled' }).catch(() => {});
    }
    process.exit(128);
  };
  process.on('uncaughtException', (err) => failInFlight(err, 'Runtime.UncaughtException'));
  process.on('unhandledRejection', (reason) => failInFlight(reason, 'Runtime.UnhandledPromiseRejection'));

  for (;;) {
    const next = await request('GET', '/invocation/next');
    if (next.status !== 200) {
      process.exit(0);
    }
    const id = next.headers['lambda-runtime-aws-request-id'];
    inFlightId = id;
    currentRequestId = id;
    if (next.headers['lambda-runtime-trace-id']) {
      process.env._X_AMZN_TRACE_ID = next.headers['lambda-runtime-trace-id'];
    } else {
      delete process.env._X_AMZN_TRACE_ID;
    }
    const context = makeContext(next.headers);
    let event;
    try {
      event = JSON.parse(next.body.toString('utf8') || 'null');
    } catch (err) {
      endOfOutput(id);
      await postJson(`/invocation/${id}/error`, toError(err, 'Runtime.UnmarshalError'));
      continue;
    }
    try {
      const result = await runHandler(handler, event, context);
      const body = Buffer.from(JSON.stringify(result === undefined ? null : result));
      endOfOutput(id);
      await request('POST', `/invocation/${id}/response`, body,
        { 'Content-Type': 'application/json', 'Content-Length': body.length });
    } catch (err) {
      const error = toError(err, 'Error');
      console.error(`Invoke Error \t${JSON.stringify(error)}`);
      endOfOutput(id);
      await postJson(`/invocation/${id}/error`, error, { 'Lambda-Runtime-Function-Error-Type': 'Unhandled' });
    }
    inFlightId = undefined;
  }
}

main().catch((err) => {
  process.stderr.write(`Gatehouse runtime client failed: ${err && err.stack ? err.stack : err}\n`);
  process.exit(1);
});
