package dev.gatehouse.emulator.lambda;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

/** The Context of one invocation; the remaining time counts down to the invocation's deadline. */
final class LambdaContext implements Context {
    static final String VERSION = "$LATEST";

    private final FunctionConfiguration function;
    private final String awsRequestId;
    private final String logStreamName;
    private final long deadlineNanos;
    private final RequestLogger logger;

    LambdaContext(FunctionConfiguration function, String awsRequestId, String logStreamName, long deadlineNanos) {
        this.function = function;
        this.awsRequestId = awsRequestId;
        this.logStreamName = logStreamName;
        this.deadlineNanos = deadlineNanos;
        this.logger = new RequestLogger(function.functionName(), awsRequestId);
    }

    @Override
    public String getAwsRequestId() {
        return awsRequestId;
    }

    @Override
    public String getLogGroupName() {
        return function.logGroupName();
    }

    @Override
    public String getLogStreamName() {
        return logStreamName;
    }

    @Override
    public String getFunctionName() {
        return function.functionName();
    }

    @Override
    public String getFunctionVersion() {
        return VERSION;
    }

    @Override
    public String getInvokedFunctionArn() {
        return function.functionArn();
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return (int) Math.max(0, (deadlineNanos - System.nanoTime()) / 1_000_000);
    }

    @Override
    public int getMemoryLimitInMB() {
        return function.memorySizeMb();
    }

    @Override
    public LambdaLogger getLogger() {
        return logger;
    }

    /** What the function logged through this context's logger. */
    java.util.List<String> logLines() {
        return logger.lines();
    }

    @Override
    public String toString() {
        return "LambdaContext[" + function.functionName() + ", " + awsRequestId + "]";
    }
}
