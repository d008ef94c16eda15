"""The notes API's five functions in Python (boto3), keeping Gatehouse's notes contract: 404 for a missing or
another user's note (conditional writes), 400 for a body that is not a JSON object, 401 without a caller identity,
the caller's notes newest first."""
import json
import os
import time
import uuid

import boto3
from boto3.dynamodb.conditions import Key
from botocore.exceptions import ClientError

# boto3 1.28.57 and later read AWS_ENDPOINT_URL_DYNAMODB themselves; older ones (Debian's 1.26) are given it here.
# On Lambda the variable is unset and boto3 uses DynamoDB's regional endpoint.
table = boto3.resource("dynamodb", endpoint_url=os.environ.get("AWS_ENDPOINT_URL_DYNAMODB")).Table(
    os.environ["TABLE_NAME"])


class HttpError(Exception):
    def __init__(self, status_code, message):
        super().__init__(message)
        self.status_code = status_code


def handler(work):
    """The guide's wrapper: the result is the 200 body; an error becomes its status and {"error": message}."""
    def wrapped(event, context):
        try:
            status_code, body = 200, work(event)
        except HttpError as e:
            status_code, body = e.status_code, {"error": str(e)}
        except Exception as e:  # anything unexpected: 500, logged with the request id
            print("Request %s failed: %r" % (context.aws_request_id, e))
            status_code, body = 500, {"error": str(e)}
        return {"statusCode": status_code, "body": json.dumps(body, default=_number),
                "headers": {"Content-Type": "application/json", "Access-Control-Allow-Origin": "*",
                            "Access-Control-Allow-Credentials": True}}
    return wrapped


def _number(value):
    return int(value) if value == int(value) else float(value)


def _user_id(event):
    identity = (((event.get("requestContext") or {}).get("authorizer") or {}).get("iam") or {}).get(
        "cognitoIdentity") or {}
    if not identity.get("identityId"):
        raise HttpError(401, "No caller identity in the event (requestContext.authorizer.iam.cognitoIdentity."
                             "identityId): the route must use AWS_IAM authorization")
    return identity["identityId"]


def _note_id(event):
    note_id = (event.get("pathParameters") or {}).get("id")
    if not note_id or not note_id.strip():
        raise HttpError(400, "Missing path parameter: id")
    return note_id


def _body(event):
    text = event.get("body")
    if not text or not text.strip():
        return {"content": "", "attachment": ""}
    try:
        data = json.loads(text)
    except ValueError as e:
        raise HttpError(400, "Request body is not valid JSON: %s" % e)
    if not isinstance(data, dict):
        raise HttpError(400, "Request body must be a JSON object")
    for field in ("content", "attachment"):
        if data.get(field) is not None and not isinstance(data[field], str):
            raise HttpError(400, "Field %s must be a string or null" % field)
    return {k: data[k] for k in ("content", "attachment") if data.get(k) is not None}


@handler
def create(event):
    user_id = _user_id(event)
    item = dict(_body(event), userId=user_id, noteId=str(uuid.uuid4()), createdAt=int(time.time() * 1000))
    table.put_item(Item=item)
    return item


@handler
def get(event):
    user_id = _user_id(event)
    item = table.get_item(Key={"userId": user_id, "noteId": _note_id(event)}, ConsistentRead=True).get("Item")
    if item is None:
        raise HttpError(404, "Item not found.")
    return item


@handler
def list_notes(event):
    user_id = _user_id(event)
    items, kwargs = [], {"KeyConditionExpression": Key("userId").eq(user_id), "ConsistentRead": True}
    while True:
        page = table.query(**kwargs)
        items.extend(page["Items"])
        if "LastEvaluatedKey" not in page:
            break
        kwargs["ExclusiveStartKey"] = page["LastEvaluatedKey"]
    return sorted(items, key=lambda i: (-(i.get("createdAt") or 0), i["noteId"]))


@handler
def update(event):
    user_id = _user_id(event)
    note_id = _note_id(event)
    body = _body(event)
    sets = ["%s = :%s" % (f, f) for f in ("content", "attachment") if f in body]
    removes = [f for f in ("content", "attachment") if f not in body]
    expression = " ".join(filter(None, ["SET " + ", ".join(sets) if sets else "",
                                         "REMOVE " + ", ".join(removes) if removes else ""]))
    kwargs = {"Key": {"userId": user_id, "noteId": note_id}, "UpdateExpression": expression,
              "ConditionExpression": "attribute_exists(noteId)"}
    if sets:
        kwargs["ExpressionAttributeValues"] = {":" + f: body[f] for f in ("content", "attachment") if f in body}
    try:
        table.update_item(**kwargs)
    except ClientError as e:
        if e.response["Error"]["Code"] == "ConditionalCheckFailedException":
            raise HttpError(404, "Item not found.")
        raise
    return {"status": True}


@handler
def delete(event):
    user_id = _user_id(event)
    try:
        table.delete_item(Key={"userId": user_id, "noteId": _note_id(event)},
                          ConditionExpression="attribute_exists(noteId)")
    except ClientError as e:
        if e.response["Error"]["Code"] == "ConditionalCheckFailedException":
            raise HttpError(404, "Item not found.")
        raise
    return {"status": True}
