package dev.scope.ui.stream.internal;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import dev.scope.engine.api.Session;
import dev.scope.engine.api.StageStatus;

/**
 * Watches one session on a thread of its own: tells when a stage's state changes (a failure, a
 * bypass) and when the session ends by itself. The engine has no events, so it looks four times a
 * second; it stops when the session ends, also when it was closed on purpose.
 */
final class Watcher extends Thread {

    private static final long LOOK_MILLIS = 250;

    private final Session session;
    private final Consumer<Session> changed;
    private final Consumer<Session> ended;

    Watcher(Session session, Consumer<Session> changed, Consumer<Session> ended) {
        super("scope-ui-stream-watcher");
        setDaemon(true);
        this.session = session;
        this.changed = changed;
        this.ended = ended;
    }

    @Override
    public void run() {
        List<StageStatus.State> last = states();
        try {
            while (!session.awaitDone(LOOK_MILLIS, TimeUnit.MILLISECONDS)) {
                List<StageStatus.State> now = states();
                if (!now.equals(last)) {
                    last = now;
                    changed.accept(session);
                }
            }
        } catch (InterruptedException e) {
            return;
        }
        ended.accept(session);
    }

    private List<StageStatus.State> states() {
        return session.stages().stream().map(StageStatus::state).toList();
    }
}
