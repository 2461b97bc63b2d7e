package dev.scope.ui.app.internal;

import java.util.List;
import java.util.Locale;

import dev.scope.engine.api.SessionMetrics;
import dev.scope.ui.stream.StreamController;
import dev.scope.ui.stream.StreamListener;
import dev.scope.ui.stream.StreamState;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.e4.ui.services.IStylingEngine;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventHandler;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * The status line at the bottom of the window (a tool control in the bottom trim): the newest
 * message (errors, warnings, results) posted to {@link StatusTopics}, the running jobs
 * ({@link JobProgress}), and the stream: its state, source and output rate. Everything is plain
 * readable text; widgets carry {@code test.id}s {@code status.message}, {@code status.progress} and
 * {@code status.stream}.
 */
public final class StatusLine {

    private static final int RATE_MILLIS = 1000;

    @Inject
    private IEventBroker broker;
    @Inject
    private UISynchronize sync;
    @Inject
    private StreamController controller;
    @Inject
    private IStylingEngine styling;
    @Inject
    private dev.scope.ui.stream.RemoteMode remote;

    private Label message;
    private Label progress;
    private Label stream;
    private Label where;
    private final java.util.function.Consumer<dev.scope.ui.stream.RemoteStatus> onRemote = r -> sync.asyncExec(
            () -> showRemote(r));
    private final EventHandler onStatus = this::status;
    private final StreamListener onState = s -> sync.asyncExec(() -> showStream(s));

    @PostConstruct
    void create(Composite parent, @Optional @Named(LayoutStore.NOTICES) List<String> notices) {
        Composite line = new Composite(parent, SWT.NONE);
        line.setData("org.eclipse.e4.ui.css.id", "dev-scope-ui-app-statusline");
        GridLayout layout = new GridLayout(4, false);
        layout.marginHeight = 2;
        line.setLayout(layout);
        message = label(line, "status.message", true);
        progress = label(line, "status.progress", false);
        stream = label(line, "status.stream", false);
        where = label(line, "status.remote", false);
        remote.addListener(onRemote);
        showRemote(remote.status());
        broker.subscribe(StatusTopics.ALL, onStatus);
        Job.getJobManager().setProgressProvider(new JobProgress(text -> sync.asyncExec(() -> showProgress(text))));
        controller.addListener(onState);
        showStream(controller.state());
        rate(parent.getDisplay());
        if (notices != null) {
            notices.forEach(n -> broker.post(StatusTopics.WARNING, n));
        }
    }

    private static Label label(Composite parent, String id, boolean grab) {
        Label l = new Label(parent, SWT.NONE);
        l.setData("test.id", id);
        l.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, grab, false));
        return l;
    }

    private void status(Event event) {
        Object data = event.getProperty(IEventBroker.DATA);
        String text = data == null ? "" : data.toString();
        String kind = event.getTopic().substring(event.getTopic().lastIndexOf('/') + 1);
        sync.asyncExec(() -> {
            if (message.isDisposed()) {
                return;
            }
            message.setText(text);
            message.setToolTipText(text);
            styling.setClassname(message, "scope-" + kind); // the theme's colour for errors and warnings
            message.getParent().layout();
        });
    }

    private void showProgress(String text) {
        if (!progress.isDisposed()) {
            progress.setText(text == null ? "" : text);
            progress.getParent().layout();
        }
    }

    private void showStream(StreamState s) {
        if (stream.isDisposed()) {
            return;
        }
        String state = s.status().name().toLowerCase(Locale.ROOT);
        String rate = controller.metrics().map(StatusLine::rate).orElse("");
        String rec = s.recording() == null ? "" : " | recording " + s.recording().getFileName();
        stream.setText(Character.toUpperCase(state.charAt(0)) + state.substring(1) + " | " + s.source().describe()
                + " > " + s.chain().main().pipelineId() + rate + rec);
        stream.getParent().layout();
    }

    /** Where the stream runs: this machine, or the server (and whether its connection was lost). */
    private void showRemote(dev.scope.ui.stream.RemoteStatus r) {
        if (where.isDisposed()) {
            return;
        }
        where.setText(r.describe());
        where.setToolTipText(r.remote() ? r.server() + (r.error() == null ? "" : ": " + r.error())
                : "The stream runs on this machine (File > Connect to Server... moves it to a server)");
        styling.setClassname(where, r.state() == dev.scope.ui.stream.RemoteStatus.State.RECONNECTING
                ? "scope-warning" : "scope-info");
        where.getParent().layout();
    }

    private static String rate(SessionMetrics m) {
        return String.format(Locale.ROOT, " | %.1f fps", m.outputFps());
    }

    /** Refreshes the stream's rate once a second, on the UI thread's timer. */
    private void rate(org.eclipse.swt.widgets.Display display) {
        display.timerExec(RATE_MILLIS, () -> {
            if (!stream.isDisposed()) {
                showStream(controller.state());
                rate(display);
            }
        });
    }

    @PreDestroy
    void dispose() {
        broker.unsubscribe(onStatus);
        controller.removeListener(onState);
        remote.removeListener(onRemote);
        Job.getJobManager().setProgressProvider(null);
    }
}
