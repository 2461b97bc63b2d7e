package dev.scope.server.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * The first handler of a server with a token: every request but {@code GET /health} carries it
 * ({@code Authorization: Bearer TOKEN}; a WebSocket upgrade may give it as {@code ?token=}
 * instead, since a browser cannot set headers on one), else 401 and nothing behind it runs: no
 * route, no WebSocket upgrade. The token is compared as SHA-256 digests of equal length with
 * {@code MessageDigest.isEqual}, in constant time.
 */
final class TokenGuard extends Handler.Wrapper {

    private final byte[] tokenHash;

    TokenGuard(String token, Handler next) {
        super(next);
        this.tokenHash = sha256(token);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        if (request.getMethod().equals("GET") && path.equals("/health") || authorized(request, path)) {
            return super.handle(request, response, callback);
        }
        byte[] body = ApiReply.error(401, "this server needs its token: send the header 'Authorization: Bearer TOKEN'"
                + (path.startsWith("/ws") ? " (or, for a WebSocket, ?token=TOKEN)" : "")).body();
        response.setStatus(401);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, ApiReply.JSON);
        response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer");
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }

    private boolean authorized(Request request, String path) {
        String header = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return MessageDigest.isEqual(tokenHash, sha256(header.substring(7).strip()));
        }
        if (path.startsWith("/ws")) {
            Fields query;
            try {
                query = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
            } catch (RuntimeException e) {
                return false;
            }
            List<String> tokens = query.getValues("token");
            return tokens != null && tokens.size() == 1 && MessageDigest.isEqual(tokenHash, sha256(tokens.get(0)));
        }
        return false;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
