package dev.gatehouse.benchmarks;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.emulator.apigateway.EventBuilder;
import dev.gatehouse.emulator.apigateway.GatewayResponse;
import dev.gatehouse.emulator.apigateway.ResponseMapper;
import dev.gatehouse.emulator.apigateway.RouteMatch;
import dev.gatehouse.emulator.apigateway.RouteTable;
import dev.gatehouse.emulator.config.ConfigLoader;
import dev.gatehouse.emulator.config.GatehouseConfig;
import dev.gatehouse.emulator.http.IncomingRequest;
import dev.gatehouse.emulator.iam.CognitoIdentity;
import dev.gatehouse.emulator.iam.Credentials;
import dev.gatehouse.emulator.iam.Principal;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The gateway's own work on each call: route matching, the payload 2.0 event, response mapping. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseSerialGC"})
public class GatewayBenchmark {
    private RouteTable routes;
    private EventBuilder events;
    private ResponseMapper responses;
    private IncomingRequest request;
    private RouteMatch match;
    private Credentials caller;
    private byte[] handlerOutput;

    @Setup
    public void setUp() throws Exception {
        GatehouseConfig config = ConfigLoader.loadDefault();
        routes = RouteTable.of(config.api(), config.routes());
        events = EventBuilder.of(config);
        responses = new ResponseMapper();
        request = new IncomingRequest("GET", "/notes/82e25a20-d759-41e6-b404-aa7b1a89b2d3", "",
                List.of(Map.entry("Host", "127.0.0.1:8421"), Map.entry("User-Agent", "aws-sdk-java/2.57.8"),
                        Map.entry("X-Amz-Date", "20261125T120000Z"),
                        Map.entry("X-Amz-Security-Token", "t".repeat(400)),
                        Map.entry("Authorization", "AWS4-HMAC-SHA256 Credential=ASIAEXAMPLE/20261125/us-east-1/"
                                + "execute-api/aws4_request, SignedHeaders=host;x-amz-date;x-amz-security-token, "
                                + "Signature=" + "0".repeat(64))),
                new byte[0], "127.0.0.1", "HTTP/1.1", Instant.parse("2026-11-25T12:00:00Z"));
        match = routes.match(request).orElseThrow();
        CognitoIdentity identity = new CognitoIdentity("us-east-1:00000000-0000-4000-8000-000000000001",
                config.identityPool().id(), config.userPool().providerName(config.region()),
                "8f3c1a52-4b7e-4d1a-9c3e-0a1b2c3d4e5f");
        caller = new Credentials("ASIAEXAMPLE", "secret", "token", Instant.parse("2026-11-25T13:00:00Z"),
                new Principal.AssumedRole(config.accountId(), "notes-CognitoAuthRole", "AROAGATEHOUSEAUTHROLE1",
                        identity));
        APIGatewayV2HTTPResponse response = APIGatewayV2HTTPResponse.builder().withStatusCode(200)
                .withHeaders(Map.of("Content-Type", "application/json", "Access-Control-Allow-Origin", "*"))
                .withBody("{\"userId\":\"us-east-1:00000000-0000-4000-8000-000000000001\",\"noteId\":\"82e25a20\","
                        + "\"content\":\"hello world\",\"attachment\":\"hello.jpg\",\"createdAt\":1795602013683}")
                .build();
        handlerOutput = new ObjectMapper().writeValueAsString(response).getBytes(StandardCharsets.UTF_8);
    }

    @Benchmark
    public RouteMatch matchRoute() {
        return routes.match(request).orElseThrow();
    }

    @Benchmark
    public byte[] buildEvent() {
        ObjectNode event = events.build(request, match, "Mc7UVioPPHcEKPA=", caller);
        return event.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Benchmark
    public GatewayResponse mapResponse() {
        return responses.map(handlerOutput);
    }
}
