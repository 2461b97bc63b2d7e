package dev.scope.server;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

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
 * @param tls the keystore to serve https with, or {@code null} for plain HTTP
 * @param insecure whether plain HTTP may be served on a host that is not a loopback address, where
 *        the token crosses the network in clear; without {@code tls} such a host is refused unless
 *        this is true (it means nothing with {@code tls})
 * @param cloud cloud mode: plugins cannot be installed, uninstalled or reloaded over the API (403),
 *        but for those {@code allowedPlugins} names
 * @param allowedPlugins in cloud mode, what may still change: each entry is a plugin name (its
 *        uninstall and reload) or a package source as {@code POST /api/v1/plugins} takes it (its
 *        install, and the uninstall and reload of the plugin installed from it); empty outside cloud
 *        mode
 * @param remote dual mode: the remote server every {@code /api/v1/} endpoint is forwarded to over
 *        its relay while connected, or {@code null} to answer everything here
 * @since 1.1 ({@code tls}, {@code insecure}, {@code cloud}, {@code allowedPlugins}); 1.2 ({@code remote})
 */
public record ServeOptions(String host, int port, String token, int maxRequestBytes, Tls tls, boolean insecure,
        boolean cloud, List<String> allowedPlugins, Remote remote) {

    /** The default limit of a request body: 1 MiB (plugins are installed by path, not uploaded). */
    public static final int DEFAULT_MAX_REQUEST_BYTES = 1 << 20;

    /**
     * The key and certificate of an https server.
     *
     * @param keystore a PKCS12 file holding the server's private key and its certificate chain
     * @param password the keystore's password, which opens its key too
     * @since 1.1
     */
    public record Tls(Path keystore, String password) {

        /** Checks the values. */
        public Tls {
            Objects.requireNonNull(keystore, "keystore");
            Objects.requireNonNull(password, "password");
        }

        /** Says which keystore, never the password. */
        @Override
        public String toString() {
            return "Tls[keystore=" + keystore + ", password=(hidden)]";
        }
    }

    /**
     * The remote server of dual mode.
     *
     * @param relay its relay's address, {@code ws://host:port/ws} or {@code wss://host:port/ws}
     * @param token its bearer token, or {@code null} when it needs none
     * @since 1.2
     */
    public record Remote(URI relay, String token) {

        /** Checks the address. */
        public Remote {
            Objects.requireNonNull(relay, "relay");
            String scheme = relay.getScheme();
            if (!"ws".equals(scheme) && !"wss".equals(scheme) || relay.getHost() == null) {
                throw new IllegalArgumentException("the remote " + relay + " is not a WebSocket address; expected"
                        + " ws://host:port/ws or wss://host:port/ws");
            }
            if (token != null && token.isBlank()) {
                throw new IllegalArgumentException("the remote's token must not be blank");
            }
        }

        /** Says the address, never the token. */
        @Override
        public String toString() {
            return "Remote[relay=" + relay + ", token=" + (token == null ? "none" : "(hidden)") + "]";
        }
    }

    /**
     * The options before dual mode.
     *
     * @since 1.1
     */
    public ServeOptions(String host, int port, String token, int maxRequestBytes, Tls tls, boolean insecure,
            boolean cloud, List<String> allowedPlugins) {
        this(host, port, token, maxRequestBytes, tls, insecure, cloud, allowedPlugins, null);
    }

    /** Checks the values and copies the list. */
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
        allowedPlugins = List.copyOf(allowedPlugins);
        if (!cloud && !allowedPlugins.isEmpty()) {
            throw new IllegalArgumentException("allowedPlugins " + allowedPlugins + " apply in cloud mode only");
        }
        for (String entry : allowedPlugins) {
            if (entry.isBlank()) {
                throw new IllegalArgumentException("allowedPlugins has a blank entry; expected plugin names or package"
                        + " sources");
            }
        }
    }

    /**
     * Plain HTTP, not in cloud mode: a host that is not a loopback address is refused.
     *
     * @param host the address to bind
     * @param port a port, or 0 for a free one
     * @param token the bearer token, or {@code null}
     * @param maxRequestBytes the largest request body accepted
     */
    public ServeOptions(String host, int port, String token, int maxRequestBytes) {
        this(host, port, token, maxRequestBytes, null, false, false, List.of());
    }

    /**
     * @param port a port, or 0 for a free one
     * @return loopback ({@code 127.0.0.1}) without a token, with the default body limit
     */
    public static ServeOptions loopback(int port) {
        return new ServeOptions("127.0.0.1", port, null, DEFAULT_MAX_REQUEST_BYTES);
    }

    /**
     * @param keystore a PKCS12 file with the server's key and certificate
     * @param password its password
     * @return these options serving https with that key
     * @since 1.1
     */
    public ServeOptions withTls(Path keystore, String password) {
        return new ServeOptions(host, port, token, maxRequestBytes, new Tls(keystore, password), insecure, cloud,
                allowedPlugins, remote);
    }

    /**
     * @return these options allowing plain HTTP on a host that is not a loopback address
     * @since 1.1
     */
    public ServeOptions withInsecure() {
        return new ServeOptions(host, port, token, maxRequestBytes, tls, true, cloud, allowedPlugins, remote);
    }

    /**
     * @param allowed the plugin names and package sources that may still change (see
     *        {@link #allowedPlugins()}), or none
     * @return these options in cloud mode
     * @since 1.1
     */
    public ServeOptions withCloud(List<String> allowed) {
        return new ServeOptions(host, port, token, maxRequestBytes, tls, insecure, true, allowed, remote);
    }

    /**
     * @param relay the remote's relay, {@code ws[s]://host:port/ws}
     * @param remoteToken its bearer token, or {@code null}
     * @return these options in dual mode
     * @since 1.2
     */
    public ServeOptions withRemote(URI relay, String remoteToken) {
        return new ServeOptions(host, port, token, maxRequestBytes, tls, insecure, cloud, allowedPlugins,
                new Remote(relay, remoteToken));
    }

    /** Says everything but the token and the password. */
    @Override
    public String toString() {
        return "ServeOptions[host=" + host + ", port=" + port + ", token=" + (token == null ? "none" : "(hidden)")
                + ", maxRequestBytes=" + maxRequestBytes + ", tls=" + tls + ", insecure=" + insecure + ", cloud=" + cloud
                + ", allowedPlugins=" + allowedPlugins + ", remote=" + remote + "]";
    }
}
