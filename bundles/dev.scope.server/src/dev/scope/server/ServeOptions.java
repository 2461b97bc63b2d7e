package dev.scope.server;

/**
 * Where a server listens and what it requires.
 *
 * @param host the address to bind, a name or a literal ({@code 127.0.0.1}, {@code ::1},
 *        {@code 0.0.0.0} for every interface)
 * @param port the TCP port, 1 to 65535, or 0 for a free one
 * @param token the bearer token every request but {@code GET /health} must carry
 *        ({@code Authorization: Bearer TOKEN}), or {@code null} for none; required for a host that
 *        is not a loopback address
 * @param maxRequestBytes the largest request body accepted; a larger one is answered 413
 */
public record ServeOptions(String host, int port, String token, int maxRequestBytes) {

    /** The default limit of a request body: 1 MiB (plugins are installed by path, not uploaded). */
    public static final int DEFAULT_MAX_REQUEST_BYTES = 1 << 20;

    /** Checks the values. */
    public ServeOptions {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must be an address or a name, not '" + host + "'");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not valid; expected 0 to 65535");
        }
        if (token != null && token.isBlank()) {
            throw new IllegalArgumentException("token must not be blank");
        }
        if (maxRequestBytes < 1) {
            throw new IllegalArgumentException("maxRequestBytes " + maxRequestBytes + " is not valid; expected 1 or more");
        }
    }

    /**
     * @param port a port, or 0 for a free one
     * @return loopback ({@code 127.0.0.1}) without a token, with the default body limit
     */
    public static ServeOptions loopback(int port) {
        return new ServeOptions("127.0.0.1", port, null, DEFAULT_MAX_REQUEST_BYTES);
    }
}
