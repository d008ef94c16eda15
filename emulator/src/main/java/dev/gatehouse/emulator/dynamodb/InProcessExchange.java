package dev.gatehouse.emulator.dynamodb;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Components;
import org.eclipse.jetty.server.ConnectionMetaData;
import org.eclipse.jetty.server.Context;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpStream;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Session;
import org.eclipse.jetty.server.TunnelSupport;
import org.eclipse.jetty.util.Callback;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * One HTTP exchange with DynamoDB Local's own request handler, without a socket: the request's method, URI, headers and
 * body are handed to the handler its Jetty server runs (which reads the {@code X-Amz-Target}, the {@code Authorization}
 * header's key and region and the JSON body, runs the operation on the database and writes status, headers and JSON),
 * on the calling thread. Only what that handler reads and writes is implemented; anything else fails loudly.
 */
final class InProcessExchange {
    private InProcessExchange() {
    }

    static InProcessDynamoDb.Answer serve(Handler handler, String method, String uri, Map<String, List<String>> headers, byte[] body)
            throws Exception {
        HttpFields.Mutable requestHeaders = HttpFields.build();
        headers.forEach((name, values) -> values.forEach(value -> requestHeaders.add(name, value)));
        LocalRequest request = new LocalRequest(method, HttpURI.from(uri), requestHeaders.asImmutable(), body);
        LocalResponse response = new LocalResponse(request);
        CompletableFuture<Void> done = new CompletableFuture<>();
        Callback callback = Callback.from(() -> done.complete(null), done::completeExceptionally);
        if (!handler.handle(request, response, callback)) {
            throw new IllegalStateException("DynamoDB Local's handler did not take the request " + method + " " + uri);
        }
        done.join(); // the handler writes its whole answer before handle() returns
        Map<String, List<String>> answerHeaders = new java.util.LinkedHashMap<>();
        for (var field : response.headers) {
            answerHeaders.computeIfAbsent(field.getName(), n -> new java.util.ArrayList<>()).add(field.getValue());
        }
        return new InProcessDynamoDb.Answer(response.status, answerHeaders, response.body.toByteArray());
    }

    private static UnsupportedOperationException unsupported(String what) {
        return new UnsupportedOperationException("in-process DynamoDB Local exchange: " + what + " is not supported");
    }

    private static final class LocalRequest implements Request {
        private final String method;
        private final HttpURI uri;
        private final HttpFields headers;
        private final long began = System.nanoTime();
        private final Map<String, Object> attributes = new java.util.HashMap<>();
        private Content.Chunk chunk;

        LocalRequest(String method, HttpURI uri, HttpFields headers, byte[] body) {
            this.method = method;
            this.uri = uri;
            this.headers = headers;
            this.chunk = Content.Chunk.from(ByteBuffer.wrap(body), true);
        }

        @Override
        public String getId() {
            return "in-process";
        }

        @Override
        public Components getComponents() {
            throw unsupported("getComponents");
        }

        @Override
        public ConnectionMetaData getConnectionMetaData() {
            throw unsupported("getConnectionMetaData");
        }

        @Override
        public String getMethod() {
            return method;
        }

        @Override
        public HttpURI getHttpURI() {
            return uri;
        }

        @Override
        public Context getContext() {
            throw unsupported("getContext");
        }

        @Override
        public HttpFields getHeaders() {
            return headers;
        }

        @Override
        public void demand(Runnable demandCallback) {
            demandCallback.run();
        }

        @Override
        public HttpFields getTrailers() {
            return null;
        }

        @Override
        public long getBeginNanoTime() {
            return began;
        }

        @Override
        public long getHeadersNanoTime() {
            return began;
        }

        @Override
        public boolean isSecure() {
            return false;
        }

        @Override
        public Content.Chunk read() {
            Content.Chunk next = chunk;
            chunk = Content.Chunk.EOF;
            return next;
        }

        @Override
        public boolean consumeAvailable() {
            chunk = Content.Chunk.EOF;
            return true;
        }

        @Override
        public void fail(Throwable failure) {
            chunk = Content.Chunk.from(failure);
        }

        @Override
        public void addIdleTimeoutListener(Predicate<TimeoutException> onIdleTimeout) {
        }

        @Override
        public void addFailureListener(Consumer<Throwable> onFailure) {
        }

        @Override
        public TunnelSupport getTunnelSupport() {
            return null;
        }

        @Override
        public void addHttpStreamWrapper(Function<HttpStream, HttpStream> wrapper) {
            throw unsupported("addHttpStreamWrapper");
        }

        @Override
        public Session getSession(boolean create) {
            return null;
        }

        @Override
        public Object removeAttribute(String name) {
            return attributes.remove(name);
        }

        @Override
        public Object setAttribute(String name, Object attribute) {
            return attributes.put(name, attribute);
        }

        @Override
        public Object getAttribute(String name) {
            return attributes.get(name);
        }

        @Override
        public Set<String> getAttributeNameSet() {
            return attributes.keySet();
        }

        @Override
        public void clearAttributes() {
            attributes.clear();
        }
    }

    private static final class LocalResponse implements Response {
        private final Request request;
        private final HttpFields.Mutable headers = HttpFields.build();
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private int status = 200;
        private boolean committed;
        private boolean last;
        private Supplier<HttpFields> trailers;

        LocalResponse(Request request) {
            this.request = request;
        }

        @Override
        public Request getRequest() {
            return request;
        }

        @Override
        public int getStatus() {
            return status;
        }

        @Override
        public void setStatus(int code) {
            status = code;
        }

        @Override
        public HttpFields.Mutable getHeaders() {
            return headers;
        }

        @Override
        public Supplier<HttpFields> getTrailersSupplier() {
            return trailers;
        }

        @Override
        public void setTrailersSupplier(Supplier<HttpFields> trailers) {
            this.trailers = trailers;
        }

        @Override
        public boolean isCommitted() {
            return committed;
        }

        @Override
        public boolean hasLastWrite() {
            return last;
        }

        @Override
        public boolean isCompletedSuccessfully() {
            return last;
        }

        @Override
        public void reset() {
            if (committed) {
                throw new IllegalStateException("committed");
            }
            headers.clear();
            body.reset();
            status = 200;
        }

        @Override
        public CompletableFuture<Void> writeInterim(int status, HttpFields headers) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void write(boolean last, ByteBuffer content, Callback callback) {
            committed = true;
            this.last |= last;
            if (content != null) {
                byte[] bytes = new byte[content.remaining()];
                content.get(bytes);
                body.writeBytes(bytes);
            }
            callback.succeeded();
        }
    }
}
