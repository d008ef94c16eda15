# Gatehouse's Python runtime client: the Lambda Runtime API loop, loading _HANDLER "module.function" (or
# "path/module.function") from LAMBDA_TASK_ROOT as AWS's Python runtime does, with Lambda's context object, the
# logging module's lines carrying the request id, and errors as {errorMessage, errorType, requestId, stackTrace}.
# Written for Gatehouse from the documented behaviour.
import http.client
import importlib
import json
import logging
import os
import sys
import time
import traceback

API = os.environ["AWS_LAMBDA_RUNTIME_API"]
BASE = "/2018-06-01/runtime"
_host, _port = API.split(":")
_connection = http.client.HTTPConnection(_host, int(_port))


def _request(method, path, body=None, headers=None):
    global _connection
    for attempt in (1, 2):
        try:
            _connection.request(method, BASE + path, body=body, headers=headers or {})
            response = _connection.getresponse()
            return response.status, response.headers, response.read()
        except (http.client.HTTPException, ConnectionError):
            if attempt == 2:
                raise
            _connection.close()
            _connection = http.client.HTTPConnection(_host, int(_port))


def _post_json(path, value, headers=None):
    body = json.dumps(value).encode("utf-8")
    all_headers = {"Content-Type": "application/json"}
    all_headers.update(headers or {})
    return _request("POST", path, body, all_headers)


class _RequestIdFilter(logging.Filter):
    request_id = None

    def filter(self, record):
        record.aws_request_id = _RequestIdFilter.request_id
        return True


def _configure_logging():
    handler = logging.StreamHandler(sys.stdout)
    handler.addFilter(_RequestIdFilter())
    formatter = logging.Formatter("[%(levelname)s]\t%(asctime)s.%(msecs)03dZ\t%(aws_request_id)s\t%(message)s",
                                  "%Y-%m-%dT%H:%M:%S")
    formatter.converter = time.gmtime
    handler.setFormatter(formatter)
    root = logging.getLogger()
    root.handlers = [handler]
    root.setLevel(logging.WARNING)


class LambdaContext:
    def __init__(self, headers):
        self.aws_request_id = headers.get("Lambda-Runtime-Aws-Request-Id")
        self.invoked_function_arn = headers.get("Lambda-Runtime-Invoked-Function-Arn")
        self.function_name = os.environ.get("AWS_LAMBDA_FUNCTION_NAME")
        self.function_version = os.environ.get("AWS_LAMBDA_FUNCTION_VERSION")
        self.memory_limit_in_mb = os.environ.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")
        self.log_group_name = os.environ.get("AWS_LAMBDA_LOG_GROUP_NAME")
        self.log_stream_name = os.environ.get("AWS_LAMBDA_LOG_STREAM_NAME")
        self._deadline_ms = int(headers.get("Lambda-Runtime-Deadline-Ms") or 0)
        client_context = headers.get("Lambda-Runtime-Client-Context")
        identity = headers.get("Lambda-Runtime-Cognito-Identity")
        self.client_context = json.loads(client_context) if client_context else None
        self.identity = json.loads(identity) if identity else None

    def get_remaining_time_in_millis(self):
        return max(0, self._deadline_ms - int(time.time() * 1000))


def _error(exc, error_type=None, request_id=None):
    stack = traceback.format_list(traceback.extract_tb(exc.__traceback__)) if exc.__traceback__ else []
    document = {"errorMessage": str(exc), "errorType": error_type or type(exc).__name__,
                "stackTrace": [line for line in stack]}
    if request_id:
        document["requestId"] = request_id
    return document


class _InitError(Exception):
    def __init__(self, error_type, message):
        super().__init__(message)
        self.error_type = error_type


def _load_handler():
    task_root = os.environ.get("LAMBDA_TASK_ROOT", os.getcwd())
    handler = os.environ.get("_HANDLER", "")
    directory, _, name = handler.rpartition("/")
    module_name, dot, function_name = name.rpartition(".")
    if not dot or not module_name:
        raise _InitError("Runtime.MalformedHandlerName", "Bad handler '%s': not enough values to unpack" % handler)
    sys.path.insert(0, os.path.join(task_root, directory) if directory else task_root)
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as e:
        raise _InitError("Runtime.ImportModuleError", "Unable to import module '%s': %s" % (module_name, e))
    except SyntaxError as e:
        raise _InitError("Runtime.UserCodeSyntaxError", "Syntax error in module '%s': %s" % (module_name, e))
    function = getattr(module, function_name, None)
    if function is None:
        raise _InitError("Runtime.HandlerNotFound",
                         "Handler '%s' missing on module '%s'" % (function_name, module_name))
    return function


def _end_of_output(request_id):
    # Marks the end of an invocation's output for Gatehouse (its call record then holds every line logged before the
    # answer); flushed before the answer is posted.
    sys.stdout.write("\x00gatehouse:end %s\n" % request_id)
    sys.stdout.flush()


def main():
    _configure_logging()
    try:
        handler = _load_handler()
    except _InitError as e:
        print("[ERROR] %s: %s" % (e.error_type, e), flush=True)
        _post_json("/init/error", {"errorMessage": str(e), "errorType": e.error_type, "stackTrace": []},
                   {"Lambda-Runtime-Function-Error-Type": e.error_type})
        sys.exit(1)
    except Exception as e:  # an exception raised by the module's own init code
        document = _error(e)
        print("[ERROR] %s: %s" % (document["errorType"], document["errorMessage"]), flush=True)
        _post_json("/init/error", document, {"Lambda-Runtime-Function-Error-Type": "Runtime.Unknown"})
        sys.exit(1)
    while True:
        status, headers, body = _request("GET", "/invocation/next")
        if status != 200:
            sys.exit(0)
        request_id = headers.get("Lambda-Runtime-Aws-Request-Id")
        _RequestIdFilter.request_id = request_id
        trace = headers.get("Lambda-Runtime-Trace-Id")
        if trace:
            os.environ["_X_AMZN_TRACE_ID"] = trace
        else:
            os.environ.pop("_X_AMZN_TRACE_ID", None)
        try:
            event = json.loads(body) if body else None
            result = handler(event, LambdaContext(headers))
            payload = json.dumps(result).encode("utf-8")
        except Exception as e:
            document = _error(e, request_id=request_id)
            print("[ERROR] %s: %s\t%s" % (document["errorType"], document["errorMessage"], request_id), flush=True)
            _end_of_output(request_id)
            _post_json("/invocation/%s/error" % request_id, document, {"Lambda-Runtime-Function-Error-Type": "Unhandled"})
            continue
        _end_of_output(request_id)
        _request("POST", "/invocation/%s/response" % request_id, payload, {"Content-Type": "application/json"})


if __name__ == "__main__":
    main()
