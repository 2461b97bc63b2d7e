package dev.scope.ui.app.internal;

import dev.scope.engine.api.PluginManager;
import dev.scope.ui.stream.StreamController;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.EventTopic;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.workbench.UIEvents;
import org.osgi.service.event.Event;

import jakarta.inject.Inject;

/**
 * Resumes the stream when the workbench has opened: on the very first start the test pattern
 * through a built-in effect, later whatever ran when the workbench last closed. Also passes on,
 * once, what the plugin manager and the stream controller did by themselves at start (a state file
 * moved aside) to the status line.
 */
public final class StreamAddon {

    @Inject
    private StreamController controller;
    @Inject
    private PluginManager plugins;
    @Inject
    private IEventBroker broker;

    @Inject
    @Optional
    void started(@EventTopic(UIEvents.UILifeCycle.APP_STARTUP_COMPLETE) Event event) {
        plugins.takeNotices().forEach(n -> broker.post(StatusTopics.WARNING, n));
        controller.takeNotices().forEach(n -> broker.post(StatusTopics.WARNING, n));
        if (controller.wasStreaming()) {
            StreamJobs.schedule("Starting the stream", broker, () -> {
                controller.start();
                return null;
            });
        }
    }
}
