package dev.scope.ui.app.internal;

import dev.scope.engine.api.PipelineRegistry;
import dev.scope.engine.api.PluginManager;
import dev.scope.ui.stream.RemoteMode;
import dev.scope.ui.stream.StreamController;

import org.eclipse.e4.core.contexts.IEclipseContext;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.EventTopic;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.workbench.UIEvents;
import org.osgi.service.event.Event;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/**
 * Resumes the stream when the workbench has opened: on the very first start the test pattern
 * through a built-in effect, later whatever ran when the workbench last closed. Also passes on,
 * once, what the plugin manager and the stream controller did by themselves at start (a state file
 * moved aside) to the status line. Before any view opens it puts the {@link RemoteMode}'s registry and
 * plugin manager into the application's context, so that every view injecting a
 * {@code PipelineRegistry} or a {@code PluginManager} shows this machine's or, while connected, the
 * server's; and it connects at start to the server named by the system property
 * {@value #REMOTE} (with the token in the file {@value #REMOTE_TOKEN_FILE} names), as
 * {@code SCOPE_JAVA_OPTIONS="-Dscope.remote=http://gpu-box:8000"} does.
 */
public final class StreamAddon {

    /** The system property naming a server to connect to at start. */
    static final String REMOTE = "scope.remote";
    /** The system property naming the file whose first line is that server's token. */
    static final String REMOTE_TOKEN_FILE = "scope.remote.tokenFile";

    @Inject
    private StreamController controller;
    @Inject
    private PluginManager plugins;
    @Inject
    private IEventBroker broker;
    @Inject
    private RemoteMode remote;

    @PostConstruct
    void views(IEclipseContext context) {
        context.set(PipelineRegistry.class, remote.registry());
        context.set(PluginManager.class, remote.plugins());
    }

    @Inject
    @Optional
    void started(@EventTopic(UIEvents.UILifeCycle.APP_STARTUP_COMPLETE) Event event) {
        plugins.takeNotices().forEach(n -> broker.post(StatusTopics.WARNING, n));
        controller.takeNotices().forEach(n -> broker.post(StatusTopics.WARNING, n));
        String server = System.getProperty(REMOTE);
        if (server != null && !server.isBlank()) {
            String token = null;
            String tokenFile = System.getProperty(REMOTE_TOKEN_FILE);
            if (tokenFile != null && !tokenFile.isBlank()) {
                try {
                    token = dev.scope.server.client.TokenFile.read(java.nio.file.Path.of(tokenFile), "the token file"
                            + " (-D" + REMOTE_TOKEN_FILE + ")");
                } catch (IllegalArgumentException e) {
                    broker.post(StatusTopics.ERROR, e.getMessage() + "; not connected");
                    server = null;
                }
            }
            if (server != null) {
                ConnectHandler.connect(remote, broker, server, token);
            }
        }
        if (controller.wasStreaming()) {
            StreamJobs.schedule("Starting the stream", broker, () -> {
                controller.start();
                return null;
            });
        }
    }
}
