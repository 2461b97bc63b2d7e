package dev.scope.server.client;

import java.util.Base64;
import java.util.Map;

/**
 * A relay's answer to an {@code api} or {@code parameters} message.
 *
 * @param status the HTTP status the server gave (200 for a {@code parameters_ack} that succeeded)
 * @param data the JSON body of a success (a map, a list, ...), or {@code null}
 * @param error the server's {@code detail} for a 4xx/5xx, one line, or {@code null}
 */
public record RelayAnswer(int status, Object data, String error) {

    /** @return whether the server did what was asked (a 2xx) */
    public boolean ok() {
        return status >= 200 && status < 300 && error == null;
    }

    /**
     * @return the JSON object of a success
     * @throws IllegalStateException when the answer is an error or not an object, saying which
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> object() {
        if (!ok()) {
            throw new IllegalStateException(error == null ? "the server answered " + status : error);
        }
        if (!(data instanceof Map<?, ?>)) {
            throw new IllegalStateException("the server's answer is not a JSON object");
        }
        return (Map<String, Object>) data;
    }

    /** @return the bytes of a binary body ({@code _base64_content}), or {@code null} for a JSON one */
    public byte[] bytes() {
        return data instanceof Map<?, ?> m && m.get("_base64_content") instanceof String b64
                ? Base64.getDecoder().decode(b64) : null;
    }
}
