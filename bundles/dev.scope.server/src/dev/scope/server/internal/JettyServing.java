package dev.scope.server.internal;

import java.net.BindException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.function.Consumer;

import dev.scope.server.ServeException;
import dev.scope.server.ServeOptions;
import dev.scope.server.Serving;

import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/** One embedded Jetty server: a connector on the asked address, the dispatcher and the JSON error handler. */
final class JettyServing implements Serving {

    private static final System.Logger LOG = System.getLogger(JettyServing.class.getName());

    private static final int MAX_THREADS = 32;
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
        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, 2);
        threads.setName("scope-server");
        server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(address.getHostAddress());
        connector.setPort(options.port());
        server.addConnector(connector);
        server.setHandler(new Dispatcher(api.routes(), options.token(), options.maxRequestBytes()));
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
        uri = URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port);
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
