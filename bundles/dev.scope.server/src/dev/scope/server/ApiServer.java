package dev.scope.server;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Serves Scope's REST API on demand: nothing listens until {@link #serve} is called, and each call
 * starts one more server with its own address and state (the loaded pipeline), sharing the
 * framework's registry, engine and plugin manager.
 *
 * <p>Thread-safe.
 */
@ProviderType
public interface ApiServer {

    /**
     * Binds the address and starts serving; returns once the server accepts connections.
     *
     * @param options where to listen and what to require
     * @return the running server; the caller closes it
     * @throws ServeException ADDRESS_IN_USE when the port is taken, BAD_ADDRESS for a host that
     *         cannot be resolved or is not an address of this machine, TOKEN_REQUIRED for a
     *         non-loopback address without a token, TLS_REQUIRED for one over plain HTTP without
     *         {@link ServeOptions#insecure()}, BAD_KEYSTORE for a TLS keystore that cannot be read
     *         or holds no private key, KEYSTORE_PASSWORD when its password does not open it, FAILED
     *         otherwise
     */
    Serving serve(ServeOptions options);
}
