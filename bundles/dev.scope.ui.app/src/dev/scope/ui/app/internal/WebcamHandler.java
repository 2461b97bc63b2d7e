package dev.scope.ui.app.internal;

import dev.scope.ui.stream.SourceSpec;
import dev.scope.ui.stream.StreamController;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.services.events.IEventBroker;

/** Stream > Webcam: the first V4L2 camera; without one the status line says there is none. */
public final class WebcamHandler {

    @Execute
    void execute(StreamController controller, IEventBroker broker) {
        OpenSourceHandler.use(controller, broker, SourceSpec.webcam(null));
    }
}
