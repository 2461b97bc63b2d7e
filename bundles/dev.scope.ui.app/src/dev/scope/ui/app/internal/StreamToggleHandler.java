package dev.scope.ui.app.internal;

import dev.scope.ui.stream.StreamController;
import dev.scope.ui.stream.StreamStatus;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.services.events.IEventBroker;

/** Stream > Start / Stop (F5): starts the stream when it is stopped, else stops it. */
public final class StreamToggleHandler {

    @Execute
    void execute(StreamController controller, IEventBroker broker) {
        toggle(controller, broker);
    }

    /** Also what the Source view's start button does. */
    static void toggle(StreamController controller, IEventBroker broker) {
        if (controller.state().status() == StreamStatus.STOPPED) {
            StreamJobs.schedule("Starting the stream", broker, () -> {
                controller.start();
                return null;
            });
        } else {
            StreamJobs.schedule("Stopping the stream", broker, () -> {
                controller.stop();
                return "Stopped";
            });
        }
    }
}
