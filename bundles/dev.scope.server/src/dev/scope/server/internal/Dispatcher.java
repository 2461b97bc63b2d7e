package dev.scope.server.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Map;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.content.PathContentSource;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The Jetty-core handler in front of the route table (behind {@link TokenGuard} when the server
 * has a token): reads the body within the size limit, calls the route and writes its reply. Every
 * refusal is {@code {"detail": ...}}.
 */
final class Dispatcher extends Handler.Abstract {

    private final Routes routes;
    private final int maxBodyBytes;

    /** @param maxBodyBytes the largest body accepted */
    Dispatcher(Routes routes, int maxBodyBytes) {
        this.routes = routes;
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
        // the body first, also for a request no route takes: answered with its body unread, the
        // connection is closed if the rest has not arrived yet, under a client that may send its
        // next request on it
        byte[] body = body(request);
        Routes.Match match = routes.find(method, path);
        ApiRequest api = new ApiRequest(method, path, match.pathParams(), ApiRequest.query(request), body);
        return routes.answer(match, api);
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
        if (reply.file() != null) {
            try {
                response.getHeaders().put(HttpHeader.CONTENT_LENGTH, java.nio.file.Files.size(reply.file()));
            } catch (IOException e) {
                // the length is left out; the copy below says what went wrong
            }
            Content.copy(new PathContentSource(reply.file()), response, callback);
            return;
        }
        response.write(true, ByteBuffer.wrap(reply.body()), callback);
    }
}
