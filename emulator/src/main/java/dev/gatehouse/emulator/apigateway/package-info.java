/**
 * API Gateway: each API flavour's pipeline, read top to bottom in one class ({@link
 * dev.gatehouse.emulator.apigateway.HttpApiPipeline}, chosen through {@link
 * dev.gatehouse.emulator.apigateway.ApiPipeline}); routes ({@link dev.gatehouse.emulator.apigateway.RouteKey},
 * {@link dev.gatehouse.emulator.apigateway.RouteTable}), payload format 2.0 events
 * ({@link dev.gatehouse.emulator.apigateway.EventBuilder}), response mapping
 * ({@link dev.gatehouse.emulator.apigateway.ResponseMapper}), the gateway's own error responses
 * ({@link dev.gatehouse.emulator.apigateway.GatewayErrors}) and size limits
 * ({@link dev.gatehouse.emulator.apigateway.GatewayLimits}). Pure logic: the HTTP server calls it.
 *
 * <h2>Choices where AWS is not documented (for the README's limitations)</h2>
 * <ul>
 *   <li>The request path is percent-decoded before routing, and the event's {@code rawPath} and
 *       {@code requestContext.http.path} carry the decoded path (HTTP APIs decode it, as captures show);
 *       {@code %2F} therefore separates segments and cannot appear inside a {@code {param}} value.
 *       {@code rawQueryString} stays as sent.</li>
 *   <li>A trailing slash is significant ({@code /notes/} is not {@code /notes}); {@code {proxy+}} needs at least one
 *       character ({@code /{proxy+}} does not match {@code /}); paths and methods are case-sensitive; {@code HEAD} does
 *       not fall back to a {@code GET} route.</li>
 *   <li>Among full matches and among greedy matches, templates compare segment by segment from the left (literal,
 *       then {@code {param}}, then {@code {proxy+}}); a full match beats any greedy one; the path decides before the
 *       method ({@code ANY /a/{id}} beats {@code GET /a/{proxy+}}), then the exact method beats {@code ANY}.</li>
 *   <li>Query parameters decode {@code +} as a space; a name without {@code =} has the value {@code ""}.</li>
 *   <li>{@code x-forwarded-for} gets the source address appended, {@code x-forwarded-port} is the port of the
 *       {@code Host} header ({@code 80} without one), {@code x-forwarded-proto} is {@code http}; a client's
 *       {@code x-amzn-trace-id} is kept, else one is generated.</li>
 *   <li>Empty {@code cookies}, {@code queryStringParameters}, {@code pathParameters}, {@code stageVariables} and
 *       {@code body} are left out; {@code userAgent} is {@code ""} without a {@code User-Agent} header.</li>
 *   <li>A function returning {@code null} (Java handler) is valid JSON without {@code statusCode}: 200 with body
 *       {@code null}. A {@code statusCode} must be a JSON integer from 100 to 599 ({@code "200"} is malformed).
 *       Header values may be strings, numbers or booleans. Over Lambda's 6 MB response limit: 500.</li>
 *   <li>Requests over 10 MB, or with a request line plus headers over 10240 bytes: 413
 *       {@code {"message":"Request Entity Too Large"}}. {@code x-amzn-ErrorType} is sent on 403s.</li>
 *   <li>{@code apigw-requestid} equals {@code requestContext.requestId}.</li>
 * </ul>
 */
package dev.gatehouse.emulator.apigateway;
