package dev.gatehouse.notes;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/** A Lambda Context whose logger keeps what the function logged. */
final class TestContext implements Context, LambdaLogger {
    final String awsRequestId = UUID.randomUUID().toString();
    final List<String> logged = new CopyOnWriteArrayList<>();

    @Override public String getAwsRequestId() { return awsRequestId; }
    @Override public String getLogGroupName() { return "/aws/lambda/notes"; }
    @Override public String getLogStreamName() { return "test"; }
    @Override public String getFunctionName() { return "notes"; }
    @Override public String getFunctionVersion() { return "$LATEST"; }
    @Override public String getInvokedFunctionArn() { return "arn:aws:lambda:us-east-1:123456789012:function:notes"; }
    @Override public CognitoIdentity getIdentity() { return null; }
    @Override public ClientContext getClientContext() { return null; }
    @Override public int getRemainingTimeInMillis() { return 30_000; }
    @Override public int getMemoryLimitInMB() { return 1024; }
    @Override public LambdaLogger getLogger() { return this; }
    @Override public void log(String message) { logged.add(message); }
    @Override public void log(byte[] message) { logged.add(new String(message, StandardCharsets.UTF_8)); }
}
