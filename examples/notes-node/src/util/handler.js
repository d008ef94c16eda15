// The guide's handler wrapper: the function's result is the 200 body; an error becomes its status and
// {"error": message}. Gatehouse's contract adds 400 (bad input), 401 (no identity) and 404 (no such note).
export class HttpError extends Error {
  constructor(statusCode, message) {
    super(message);
    this.statusCode = statusCode;
  }
}

export default function handler(lambda) {
  return async function (event, context) {
    let body;
    let statusCode;
    try {
      body = await lambda(event, context);
      statusCode = 200;
    } catch (error) {
      statusCode = error.statusCode ?? 500;
      body = { error: error.message };
      if (statusCode === 500) {
        console.error(error);
      }
    }
    return {
      statusCode,
      body: JSON.stringify(body),
      headers: {
        'Content-Type': 'application/json',
        'Access-Control-Allow-Origin': '*',
        'Access-Control-Allow-Credentials': true,
      },
    };
  };
}

// The caller, as API Gateway's IAM authorizer put it in the event: never from the body, a header or the query.
export function userId(event) {
  const identityId = event.requestContext?.authorizer?.iam?.cognitoIdentity?.identityId;
  if (!identityId) {
    throw new HttpError(401, 'No caller identity in the event '
      + '(requestContext.authorizer.iam.cognitoIdentity.identityId): the route must use AWS_IAM authorization '
      + 'with Cognito identity pool credentials');
  }
  return identityId;
}

// The body of a create or update: {"content", "attachment"}, strings or null; no body means the guide's defaults.
export function noteBody(event) {
  let text = event.body;
  if (text && event.isBase64Encoded) {
    text = Buffer.from(text, 'base64').toString('utf8');
  }
  if (!text || !text.trim()) {
    return { content: '', attachment: '' };
  }
  let data;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new HttpError(400, `Request body is not valid JSON: ${error.message}`);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new HttpError(400, `Request body must be a JSON object, not ${describe(data)}`);
  }
  for (const field of ['content', 'attachment']) {
    if (data[field] !== undefined && data[field] !== null && typeof data[field] !== 'string') {
      throw new HttpError(400, `Field ${field} must be a string or null, not ${describe(data[field])}`);
    }
  }
  const bytes = Buffer.byteLength(data.content ?? '') + Buffer.byteLength(data.attachment ?? '');
  if (bytes > 400000) {
    throw new HttpError(400, `content and attachment together must be at most 400000 bytes (UTF-8), got ${bytes}`);
  }
  return { content: data.content ?? undefined, attachment: data.attachment ?? undefined };
}

// A note id DynamoDB could hold as a sort key (at most 1024 bytes); a longer one names no note.
export function noteId(event) {
  const id = event.pathParameters?.id;
  if (!id || !id.trim()) {
    throw new HttpError(400, 'Missing path parameter: id');
  }
  return id;
}

export function possibleNoteId(id) {
  return Buffer.byteLength(id) <= 1024;
}

export const notFound = () => new HttpError(404, 'Item not found.');

function describe(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return { object: 'an object', number: 'a number', boolean: 'a boolean', string: 'a string' }[typeof value]
    ?? typeof value;
}
