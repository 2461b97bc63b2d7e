package dev.scope.server.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * The Jetty-core handler in front of the route table: checks the bearer token, reads the body
 * within the size limit, calls the route and writes its reply. Every answer is JSON; every
 * refusal is {@code {"detail": ...}}.
 */
final class Dispatcher extends Handler.Abstract {

    private final Routes routes;
    private final byte[] tokenHash;
    private final int maxBodyBytes;

    /**
     * @param token the bearer token requests must carry (all but {@code GET /health}), or null
     * @param maxBodyBytes the largest body accepted
     */
    Dispatcher(Routes routes, String token, int maxBodyBytes) {
        this.routes = routes;
        this.tokenHash = token == null ? null : sha256(token);
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String method = request.getMethod();
        String path = Request.getPathInContext(request);
        ApiRequest bare = new ApiRequest(method, path, Map.of(), Map.of(), new byte[0]);
        ApiReply reply;
        try {
            reply = answer(request, method, path);
        } catch (RuntimeException e) {
            reply = Routes.refusal(e, bare);
        }
        write(response, reply, callback);
        return true;
    }

    private ApiReply answer(Request request, String method, String path) {
        if (tokenHash != null && !(method.equals("GET") && path.equals("/health")) && !authorized(request)) {
            return ApiReply.error(401, "this server needs its token: send the header 'Authorization: Bearer TOKEN'")
                    .withHeader("WWW-Authenticate", "Bearer");
        }
        Routes.Match match = routes.find(method, path);
        ApiRequest api = new ApiRequest(method, path, match.pathParams(), query(request), body(request));
        return Routes.call(match, api);
    }

    /** Compares digests of the same length with MessageDigest.isEqual: no timing tells how much matched. */
    private boolean authorized(Request request) {
        String header = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return MessageDigest.isEqual(tokenHash, sha256(header.substring(7).strip()));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private static Map<String, List<String>> query(Request request) {
        Fields fields;
        try {
            fields = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            throw new ApiException(400, "the query string cannot be read: " + e.getMessage());
        }
        Map<String, List<String>> query = new LinkedHashMap<>();
        for (Fields.Field f : fields) {
            query.put(f.getName(), List.copyOf(f.getValues()));
        }
        return query;
    }

    private byte[] body(Request request) {
        long declared = request.getLength();
        if (declared > maxBodyBytes) {
            throw tooLarge(declared + " bytes");
        }
        try (InputStream in = Request.asInputStream(request)) {
            byte[] bytes = in.readNBytes(maxBodyBytes + 1);
            if (bytes.length > maxBodyBytes) {
                throw tooLarge("more than " + maxBodyBytes + " bytes");
            }
            return bytes;
        } catch (IOException e) {
            throw new ApiException(400, "the request body could not be read: " + e.getMessage());
        }
    }

    private ApiException tooLarge(String size) {
        return new ApiException(413, "the request body has " + size + "; this server takes at most " + maxBodyBytes
                + " bytes");
    }

    private static void write(Response response, ApiReply reply, Callback callback) {
        response.setStatus(reply.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, reply.contentType());
        reply.headers().forEach((name, value) -> response.getHeaders().put(name, value));
        if (reply.status() == 413) {
            // the rest of the body is not read: the connection cannot carry another request
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
        }
        response.write(true, ByteBuffer.wrap(reply.body()), callback);
    }
}
