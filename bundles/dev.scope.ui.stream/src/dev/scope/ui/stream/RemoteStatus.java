package dev.scope.ui.stream;

import java.net.URI;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where the workbench's stream runs: on this machine, or on a Scope server it is connected to.
 *
 * @param state local, connected, or connected before and trying again
 * @param server the server's relay address while not local, else {@code null}
 * @param capabilities what the server said it offers ({@code plugin_install}, {@code cloud},
 *        {@code tls}, ...); empty when local
 * @param error why the connection was lost, one line, while {@link State#RECONNECTING}; else {@code null}
 * @param retryAt when the next try starts while reconnecting, else {@code null}
 */
public record RemoteStatus(State state, URI server, Map<String, Object> capabilities, String error, Instant retryAt) {

    /** Where the stream runs. */
    public enum State {
        /** On this machine's engine. */
        LOCAL,
        /** On the server: settings, parameters, the preview and the plugins are its. */
        CONNECTED,
        /** On the server, whose connection was lost: the workbench tries again. */
        RECONNECTING
    }

    /** The local status. */
    public static final RemoteStatus LOCAL = new RemoteStatus(State.LOCAL, null, Map.of(), null, null);

    /** Checks and copies. */
    public RemoteStatus {
        Objects.requireNonNull(state, "state");
        capabilities = Collections.unmodifiableMap(new LinkedHashMap<>(capabilities));
    }

    /** @return whether the workbench works with a server (connected or reconnecting) */
    public boolean remote() {
        return state != State.LOCAL;
    }

    /**
     * @return whether plugins may be installed, uninstalled and reloaded: always locally, on a
     *         server only when it says so ({@code capabilities.plugin_install})
     */
    public boolean pluginInstall() {
        return state == State.LOCAL || Boolean.TRUE.equals(capabilities.get("plugin_install"));
    }

    /**
     * @return a few words for a status line: {@code Local}, {@code Remote host:port} (with
     *         {@code (cloud)}), or {@code Remote host:port lost, reconnecting} ({@link #error()} says why)
     */
    public String describe() {
        return switch (state) {
            case LOCAL -> "Local";
            case CONNECTED -> "Remote " + server.getHost() + ":" + server.getPort()
                    + (Boolean.TRUE.equals(capabilities.get("cloud")) ? " (cloud)" : "");
            case RECONNECTING -> "Remote " + server.getHost() + ":" + server.getPort() + " lost, reconnecting";
        };
    }
}
