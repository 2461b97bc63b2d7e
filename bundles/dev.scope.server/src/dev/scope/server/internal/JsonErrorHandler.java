package dev.scope.server.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import dev.scope.schema.Json;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * What Jetty itself answers (a request it cannot parse, headers too large, an ambiguous path):
 * Scope's {@code {"detail": ...}} instead of an HTML page, and never a stack trace.
 */
final class JsonErrorHandler extends ErrorHandler {

    private static String detail(int code, String message) {
        String reason = HttpStatus.getMessage(code);
        return message == null || message.isBlank() || message.equals(reason) ? reason : reason + ": " + message;
    }

    private static byte[] body(int code, String message) {
        return Json.write(Map.of("detail", detail(code, message))).getBytes(StandardCharsets.UTF_8);
    }

    /** Every method gets its body: Jetty's default writes one for GET, POST and HEAD only. */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
            Callback callback) throws IOException {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, ApiReply.JSON);
        response.write(true, ByteBuffer.wrap(body(code, message)), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(new HttpField(HttpHeader.CONTENT_TYPE, ApiReply.JSON));
        return ByteBuffer.wrap(body(status, reason));
    }
}
