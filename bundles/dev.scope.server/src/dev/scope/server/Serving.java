package dev.scope.server;

import java.net.URI;

import org.osgi.annotation.versioning.ProviderType;

/** A running server, from {@link ApiServer#serve}. Thread-safe. */
@ProviderType
public interface Serving extends AutoCloseable {

    /**
     * @return the address it serves, e.g. {@code http://127.0.0.1:8000}, or {@code https://...} with
     *         TLS (the bound port when 0 was asked for)
     */
    URI uri();

    /** @return the bound TCP port */
    int port();

    /**
     * Stops accepting connections, lets the requests in progress finish (a few seconds at most),
     * closes the pipelines it loaded and stops its threads. Idempotent.
     */
    @Override
    void close();
}
