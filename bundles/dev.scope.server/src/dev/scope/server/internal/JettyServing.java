package dev.scope.server.internal;

import java.net.BindException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

import dev.scope.server.ServeException;
import dev.scope.server.ServeOptions;
import dev.scope.server.Serving;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * One embedded Jetty server: a connector on the asked address (HTTP/1.1, over TLS when a keystore is
 * given), the dispatcher and the JSON error handler.
 */
final class JettyServing implements Serving {

    private static final System.Logger LOG = System.getLogger(JettyServing.class.getName());

    private static final int MAX_THREADS = 32;
    /** Clients send JSON text; a binary message (which the relay refuses) is at most this large. */
    private static final long MAX_CLIENT_BINARY_BYTES = 64 * 1024;
    private static final long STOP_TIMEOUT_MILLIS = 3000;

    private final Server server;
    private final ScopeApi api;
    private final URI uri;
    private final int port;
    private final Consumer<Serving> onClose;
    private boolean closed;

    /**
     * Starts the server; on failure nothing is left running but the api, which the caller closes.
     *
     * @param onClose called once when this server is closed
     */
    JettyServing(ServeOptions options, ScopeApi api, Consumer<Serving> onClose) {
        this.api = api;
        this.onClose = onClose;
        InetAddress address = address(options);
        SslContextFactory.Server ssl = options.tls() == null ? null : TlsKeys.contextFactory(options.tls());
        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, 2);
        threads.setName("scope-server");
        server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        ConnectionFactory[] factories;
        if (ssl == null) {
            factories = new ConnectionFactory[] {new HttpConnectionFactory(http)};
        } else {
            // no SNI host check: a client that reaches the server by another name than the certificate's
            // (an IP address, curl -k) is the client's decision, and the check would answer it 400
            http.addCustomizer(new SecureRequestCustomizer(false));
            factories = new ConnectionFactory[] {new SslConnectionFactory(ssl, HttpVersion.HTTP_1_1.asString()),
                    new HttpConnectionFactory(http)};
        }
        ServerConnector connector = new ServerConnector(server, 1, 1, factories);
        connector.setHost(address.getHostAddress());
        connector.setPort(options.port());
        server.addConnector(connector);
        Dispatcher dispatcher = new Dispatcher(api.routes(), options.maxRequestBytes());
        WebSocketUpgradeHandler sockets = WebSocketUpgradeHandler.from(server, container -> {
            container.setMaxTextMessageSize(options.maxRequestBytes());
            container.setMaxBinaryMessageSize(MAX_CLIENT_BINARY_BYTES);
            container.setIdleTimeout(Duration.ZERO); // a relay waits for events; ping keeps proxies awake
            container.addMapping("/ws", (request, response, callback) -> api.relay(threads));
            container.addMapping("/ws/preview/*", (request, response, callback) -> preview(api, request, response,
                    callback));
        });
        sockets.setHandler(dispatcher);
        server.setHandler(options.token() == null ? sockets : new TokenGuard(options.token(), sockets));
        server.setErrorHandler(new JsonErrorHandler());
        server.setStopTimeout(STOP_TIMEOUT_MILLIS);
        try {
            server.start();
        } catch (Exception e) {
            stopQuietly();
            throw startFailure(options, e);
        }
        port = connector.getLocalPort();
        String host = address.getHostAddress();
        String scheme = ssl == null ? "http://" : "https://";
        uri = URI.create(scheme + (host.contains(":") ? "[" + host + "]" : host) + ":" + port);
    }

    /** Refuses the upgrade with a JSON error for an unknown session or a wrong query. */
    private static Object preview(ScopeApi api, ServerUpgradeRequest request, ServerUpgradeResponse response,
            Callback callback) {
        String path = Request.getPathInContext(request);
        String id = path.substring("/ws/preview/".length());
        Optional<PreviewSocket> socket;
        try {
            socket = api.preview(id, ApiRequest.query(request));
        } catch (ApiException e) {
            refuse(response, callback, e.status(), e.getMessage());
            return null;
        }
        if (socket.isEmpty()) {
            refuse(response, callback, 404, "no running session " + id + " to preview; POST /api/v1/session/start"
                    + " starts one, and the relay's stream_started event names its channel");
            return null;
        }
        return socket.get();
    }

    private static void refuse(ServerUpgradeResponse response, Callback callback, int status, String detail) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, ApiReply.JSON);
        response.write(true, ByteBuffer.wrap(ApiReply.error(status, detail).body()), callback);
    }

    private static InetAddress address(ServeOptions options) {
        InetAddress address;
        try {
            address = InetAddress.getByName(options.host());
        } catch (UnknownHostException e) {
            throw new ServeException(ServeException.Kind.BAD_ADDRESS, "cannot resolve the host '" + options.host()
                    + "'; expected an address of this machine such as 127.0.0.1", e);
        }
        if (!address.isLoopbackAddress() && options.token() == null) {
            throw new ServeException(ServeException.Kind.TOKEN_REQUIRED, options.host() + " is not a loopback address:"
                    + " a server reachable from other machines needs a token", null);
        }
        if (!address.isLoopbackAddress() && options.tls() == null && !options.insecure()) {
            throw new ServeException(ServeException.Kind.TLS_REQUIRED, options.host() + " is not a loopback address: over"
                    + " plain HTTP the token would cross the network in clear; serve https with --tls-keystore, pass"
                    + " --insecure to serve plain HTTP there anyway, or serve on 127.0.0.1", null);
        }
        return address;
    }

    private static ServeException startFailure(ServeOptions options, Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException b) {
                String why = b.getMessage() == null ? "" : b.getMessage();
                if (why.toLowerCase(java.util.Locale.ROOT).contains("in use")) {
                    return new ServeException(ServeException.Kind.ADDRESS_IN_USE, "port " + options.port() + " on "
                            + options.host() + " is in use (another server?); pick another with --port", e);
                }
                return new ServeException(ServeException.Kind.BAD_ADDRESS, "cannot listen on " + options.host() + " port "
                        + options.port() + ": " + why, e);
            }
        }
        return new ServeException(ServeException.Kind.FAILED, "the server could not start: " + e.getMessage(), e);
    }

    @Override
    public URI uri() {
        return uri;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        stopQuietly();
        api.close();
        onClose.accept(this);
    }

    private void stopQuietly() {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.DEBUG, "stopping the server", e);
        }
    }
}
