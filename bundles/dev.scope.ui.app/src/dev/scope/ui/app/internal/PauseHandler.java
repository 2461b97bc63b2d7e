package dev.scope.ui.app.internal;

import dev.scope.ui.stream.StreamController;
import dev.scope.ui.stream.StreamStatus;

import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;

/** Stream > Pause / Resume (F6): holds the running stream or lets it go on. */
public final class PauseHandler {

    @CanExecute
    boolean canExecute(StreamController controller) {
        return controller.state().running();
    }

    @Execute
    void execute(StreamController controller) {
        toggle(controller);
    }

    /** Also what the Source view's pause button does. */
    static void toggle(StreamController controller) {
        if (controller.state().status() == StreamStatus.PAUSED) {
            controller.resume();
        } else {
            controller.pause();
        }
    }
}
