/**
 * A client of a Scope server's WebSocket relay ({@code /ws}) and of its remote preview
 * ({@code /ws/preview/{session_id}}), on the JDK's {@code java.net.http} alone (no Jetty type):
 * {@link dev.scope.server.client.RelayClient} keeps one relay connection, reconnecting after a
 * loss, and correlates {@code api} and {@code parameters} messages with their answers;
 * {@link dev.scope.server.client.PreviewClient} receives a session's preview frames. For the
 * workbench's remote mode and for tools; the server's dual mode speaks the same protocol.
 */
@Export
@Version("1.0.0")
package dev.scope.server.client;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
