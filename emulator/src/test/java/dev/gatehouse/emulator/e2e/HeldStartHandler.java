package dev.gatehouse.emulator.e2e;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A handler whose construction (Gatehouse makes one instance of each function at start-up) waits until the test
 * releases it: start-up is held at its functions step, after the server listens, for as long as the test needs.
 */
public final class HeldStartHandler implements RequestStreamHandler {
    static final CountDownLatch CONSTRUCTING = new CountDownLatch(1);
    static final CountDownLatch RELEASE = new CountDownLatch(1);

    public HeldStartHandler() throws InterruptedException {
        CONSTRUCTING.countDown();
        if (!RELEASE.await(2, TimeUnit.MINUTES)) {
            throw new IllegalStateException("the test never released start-up");
        }
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        output.write("{\"statusCode\":200,\"body\":\"held\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
