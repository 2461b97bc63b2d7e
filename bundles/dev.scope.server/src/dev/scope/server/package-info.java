/**
 * The HTTP server of Scope Workbench: Scope's REST API ({@code /health}, {@code /api/v1/...},
 * {@code /openapi.json}) over the same registry, engine and plugin manager as the workbench and the
 * command line. {@link dev.scope.server.ApiServer} is the service; nothing listens until a front end
 * calls {@link dev.scope.server.ApiServer#serve}.
 */
@Export
@Version("1.0.0")
package dev.scope.server;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
