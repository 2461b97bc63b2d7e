package dev.scope.ui.stream;

import java.io.IOException;
import java.util.function.Consumer;

import dev.scope.engine.api.PipelineRegistry;
import dev.scope.engine.api.PluginManager;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The workbench's remote mode: its stream runs on a Scope server ({@code ./scope serve}) instead of
 * this machine's engine. While connected, the {@link StreamController} runs the server's headless
 * session with the workbench's source, chain and values; parameter changes travel over the
 * server's relay; the preview shows the server's output (its JPEG preview channel);
 * {@link #registry()} lists the server's pipelines with their schemas, so that the settings render
 * identically; {@link #plugins()} lists the server's plugins. A lost connection is tried again
 * (1, 2, 4 ... 30 s) and the stream resumed on the server. Disconnecting returns to the local engine.
 *
 * <p>Thread-safe; {@link #connect} and {@link #disconnect} block (a UI calls them from a Job).
 */
@ProviderType
public interface RemoteMode {

    /**
     * Connects to a server and moves the stream there: a stream running locally stops and starts on
     * the server with the same source, chain and values. Connected already, the old connection is
     * closed first.
     *
     * @param server the server's address as a user types it: {@code host:port},
     *        {@code http[s]://host:port} or its relay {@code ws[s]://host:port/ws}
     * @param token the server's bearer token, or {@code null} or empty for none
     * @return the status once connected
     * @throws IllegalArgumentException for an address that is not one, saying what is expected
     * @throws IOException when the server cannot be reached or refuses (a wrong token), with the
     *         reason in one line; the workbench stays local then
     */
    RemoteStatus connect(String server, String token) throws IOException;

    /** Stops the server's session, closes the connection and returns to the local engine. Idempotent. */
    void disconnect();

    /** @return where the stream runs now */
    RemoteStatus status();

    /** @return the address of the last server connected to, or {@code null}, for a dialog's default */
    String lastServer();

    /** @param listener told of every change of {@link #status()}, on the connection's threads */
    void addListener(Consumer<RemoteStatus> listener);

    /** @param listener a listener given to {@link #addListener} */
    void removeListener(Consumer<RemoteStatus> listener);

    /**
     * @return the pipelines the workbench offers: this machine's while local, the server's while
     *         remote (its listeners are told when that changes, and when the server's change)
     */
    PipelineRegistry registry();

    /**
     * @return the plugins the workbench shows: this machine's plugin manager while local; while
     *         remote, the server's plugins, installed, uninstalled and reloaded over its API (other
     *         operations are refused with one line)
     */
    PluginManager plugins();
}
