package dev.scope.ui.app.internal;

import dev.scope.ui.stream.SourceSpec;
import dev.scope.ui.stream.StreamController;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.services.events.IEventBroker;

/** Stream > Test Pattern: the moving test pattern at 1280x720, 30 fps (the Source view sets others). */
public final class TestPatternHandler {

    @Execute
    void execute(StreamController controller, IEventBroker broker) {
        OpenSourceHandler.use(controller, broker, SourceSpec.testPattern(1280, 720, 30));
    }
}
