package dev.scope.server.client;

import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Where a {@link RelayClient}'s connection stands.
 *
 * @param state connecting for the first time, connected, lost and trying again, or closed
 * @param url the relay's address
 * @param connectionId the server's id of this connection while connected, else {@code null}
 * @param capabilities what the server said it offers in its {@code ready} ({@code plugin_install},
 *        {@code cloud}, ...; empty before the first connection)
 * @param error why the last try failed or the connection was lost, one line; {@code null} when
 *        nothing failed since the last connection
 * @param retryAt when the next try starts while {@link State#RECONNECTING}, else {@code null}
 * @param since when the server said ready while {@link State#CONNECTED}, else {@code null}
 * @param connects how many times it connected
 */
public record RelayStatus(State state, URI url, String connectionId, Map<String, Object> capabilities, String error,
        Instant retryAt, Instant since, long connects) {

    /** The states of a connection. */
    public enum State {
        /** The first try is on its way. */
        CONNECTING,
        /** The server said ready: messages travel. */
        CONNECTED,
        /** Lost (or never connected): trying again at {@code retryAt}. */
        RECONNECTING,
        /** Closed by its owner: no more tries. */
        CLOSED
    }

    /** Checks and copies. */
    public RelayStatus {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(url, "url");
        capabilities = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(capabilities));
    }

    /** @return whether messages travel now */
    public boolean connected() {
        return state == State.CONNECTED;
    }

    /**
     * @param name a capability's name, such as {@code plugin_install}
     * @param fallback what to assume when the server did not say
     * @return the server's flag
     */
    public boolean capability(String name, boolean fallback) {
        return capabilities.get(name) instanceof Boolean b ? b : fallback;
    }
}
