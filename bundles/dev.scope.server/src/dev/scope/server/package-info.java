/**
 * The HTTP server of Scope Workbench: Scope's REST API ({@code /health}, {@code /api/v1/...},
 * {@code /openapi.json}) over the same registry, engine and plugin manager as the workbench and the
 * command line. {@link dev.scope.server.ApiServer} is the service; nothing listens until a front end
 * calls {@link dev.scope.server.ApiServer#serve}. A server speaks HTTP or, given a PKCS12 keystore,
 * https; in cloud mode it refuses plugin changes but for an allowlist ({@link
 * dev.scope.server.ServeOptions}).
 *
 * <p>1.1: {@code ServeOptions} gains TLS, {@code insecure} and cloud mode; {@code ServeException}
 * the kinds {@code TLS_REQUIRED}, {@code BAD_KEYSTORE} and {@code KEYSTORE_PASSWORD}.
 */
@Export
@Version("1.2.0")
package dev.scope.server;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
