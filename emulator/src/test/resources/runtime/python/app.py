"""Handlers for Gatehouse's Python runtime tests."""
import logging
import os
import time

logger = logging.getLogger()
logger.setLevel(logging.INFO)
STARTED_AT = time.time()


def echo(event, context):
    logger.info("echo called with %s", event.get("message"))
    print("printed", event.get("message"))
    return {
        "message": event.get("message"),
        "pid": os.getpid(),
        "remaining": context.get_remaining_time_in_millis(),
        "awsRequestId": context.aws_request_id,
        "functionName": context.function_name,
        "env": {k: v for k, v in os.environ.items() if k.startswith(("AWS_", "LAMBDA_")) or k in ("_HANDLER", "TZ")},
    }


def fails(event, context):
    raise ValueError("bad value")
