// ES module handlers (package.json "type": "module") for Gatehouse's Node.js runtime tests.
let invocations = 0;
const startedAt = Date.now();

export const echo = async (event, context) => {
  invocations += 1;
  console.log('echo called with', event.message);
  return {
    message: event.message,
    invocations,
    pid: process.pid,
    startedAt,
    remaining: context.getRemainingTimeInMillis(),
    awsRequestId: context.awsRequestId,
    functionName: context.functionName,
    invokedFunctionArn: context.invokedFunctionArn,
    memoryLimitInMB: context.memoryLimitInMB,
    callbackWaitsForEmptyEventLoop: context.callbackWaitsForEmptyEventLoop,
    env: Object.fromEntries(Object.entries(process.env).filter(([k]) =>
      k.startsWith('AWS_') || k.startsWith('LAMBDA_') || k === '_HANDLER' || k === 'TZ' || k === 'GREETING')),
  };
};

export const fails = async () => {
  throw new TypeError('the note is not valid');
};

export const sleeps = async (event) => {
  console.log('sleeping', event.millis);
  await new Promise((resolve) => setTimeout(resolve, event.millis));
  return { slept: event.millis, pid: process.pid };
};

export const exits = async () => {
  process.exit(3);
};

export const nested = { deeper: { handler: async () => 'nested export' } };

// Tells the test it is running (GET signalUrl?pid=...), then sleeps: lets the test act in the middle of a call.
export const signalsThenSleeps = async (event) => {
  await fetch(`${event.signalUrl}?pid=${process.pid}`);
  await new Promise((resolve) => setTimeout(resolve, event.millis));
  return { slept: event.millis, pid: process.pid };
};

// Payload 2.0 handlers behind API Gateway routes.
export const api = async (event, context) => {
  console.log('whoami for', event.requestContext.authorizer.iam.cognitoIdentity.identityId);
  process.stdout.write('a partial line');
  return apiAnswer(event);
};

const apiAnswer = (event) => ({
  statusCode: 200,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({
    identityId: event.requestContext.authorizer.iam.cognitoIdentity.identityId,
    pid: process.pid,
    hasSessionToken: Boolean(process.env.AWS_SESSION_TOKEN),
    accessKeyId: process.env.AWS_ACCESS_KEY_ID,
  }),
});

export const apiSignalsThenSleeps = async (event) => {
  const { signalUrl, millis } = JSON.parse(event.body);
  if (signalUrl) await fetch(`${signalUrl}?pid=${process.pid}`);
  await new Promise((resolve) => setTimeout(resolve, millis));
  return { statusCode: 200, body: JSON.stringify({ pid: process.pid }) };
};
