package dev.gatehouse.emulator.dynamodb;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.util.Locale;

/**
 * DynamoDB Local answers any {@code Host} and checks no signature: a DNS-rebinding page that found its port could read
 * and write every table. In front of it, only requests addressed to the loopback address with DynamoDB Local's own port
 * pass ({@code 127.0.0.1}, {@code localhost}, {@code [::1]}); the others get a 403 with a JSON message.
 */
final class LoopbackHostOnly extends Handler.Wrapper {

    LoopbackHostOnly(Handler handler) {
        super(handler);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        int port = Request.getLocalPort(request);
        String host = request.getHeaders().get(HttpHeader.HOST);
        if (host != null && request.getHeaders().getValuesList(HttpHeader.HOST).size() == 1
                && isLoopback(host.toLowerCase(Locale.ROOT), port)) {
            return super.handle(request, response, callback);
        }
        response.setStatus(403);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/x-amz-json-1.0");
        Content.Sink.write(response, true, "{\"__type\":\"com.amazon.coral.service#AccessDeniedException\","
                + "\"message\":\"Gatehouse's DynamoDB Local answers only requests addressed to 127.0.0.1:" + port
                + " or localhost:" + port + "\"}", callback);
        return true;
    }

    static boolean isLoopback(String host, int port) {
        return host.equals("127.0.0.1:" + port) || host.equals("localhost:" + port) || host.equals("[::1]:" + port);
    }
}
