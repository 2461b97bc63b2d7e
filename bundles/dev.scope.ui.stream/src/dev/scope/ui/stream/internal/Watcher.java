package dev.scope.ui.stream.internal;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import dev.scope.engine.api.Session;
import dev.scope.engine.api.StageStatus;

/**
 * Watches one session on a thread of its own: tells when what a view shows of a stage changes (its
 * state, a failure's reason, the path it runs on once the engine placed it) and when the session
 * ends by itself. The engine has no events, so it looks four times a
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
        List<List<Object>> last = look(session.stages());
        try {
            while (!session.awaitDone(LOOK_MILLIS, TimeUnit.MILLISECONDS)) {
                List<List<Object>> now = look(session.stages());
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

    /**
     * @return what changes a stage's look: state, reason and backend (the counts change every frame
     *         and are read when shown)
     */
    static List<List<Object>> look(List<StageStatus> stages) {
        return stages.stream().map(s -> java.util.Arrays.<Object>asList(s.state(), s.reason(), s.backend())).toList();
    }
}
