package dev.scope.ui.stream.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import dev.scope.engine.api.ChainSpec;
import dev.scope.engine.api.Engine;
import dev.scope.engine.api.PipelineRegistry;
import dev.scope.engine.api.PluginManager;
import dev.scope.engine.api.SessionMetrics;
import dev.scope.engine.api.StageStatus;
import dev.scope.media.MediaService;
import dev.scope.pipeline.api.Frame;
import dev.scope.schema.Json;
import dev.scope.server.client.RelayAnswer;
import dev.scope.server.client.RelayClient;
import dev.scope.server.client.RelayStatus;
import dev.scope.ui.stream.FrameListener;
import dev.scope.ui.stream.RemoteMode;
import dev.scope.ui.stream.RemoteStatus;
import dev.scope.ui.stream.SourceSpec;
import dev.scope.ui.stream.StreamController;
import dev.scope.ui.stream.StreamState;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * The workbench's {@link StreamController} and its {@link RemoteMode}: every call goes to the stream
 * on this machine ({@link StreamControllerImpl}) or, while connected, to the one on a server
 * ({@link RemoteStream}); listeners registered here stay registered across a switch and hear only
 * the stream in use. The last server connected to is remembered in
 * {@code $SCOPE_HOME/workbench/remote.json} (written atomically; the token never is).
 */
@Component(service = {StreamController.class, RemoteMode.class})
public final class WorkbenchStream extends ListenedStream implements RemoteMode {

    private static final System.Logger LOG = System.getLogger(WorkbenchStream.class.getName());
    private static final Duration CONNECT_WAIT = Duration.ofSeconds(15);

    private final StreamControllerImpl local;
    private final PluginManager localPlugins;
    private final ViewRegistry registry;
    private final ViewPlugins plugins;
    private final Path remoteFile;
    private final List<Consumer<RemoteStatus>> remoteListeners = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "scope-remote");
        t.setDaemon(true);
        return t;
    });
    private volatile StreamController active;
    private RelayClient relay; // guarded by this
    private RemoteStream remote; // guarded by this

    /**
     * @param engine runs the local chains
     * @param media opens the local sources and recordings
     * @param localRegistry this machine's pipelines
     * @param localPlugins this machine's plugins, and where the state directory is
     */
    @Activate
    public WorkbenchStream(@Reference Engine engine, @Reference MediaService media,
            @Reference PipelineRegistry localRegistry, @Reference PluginManager localPlugins) {
        this(new StreamControllerImpl(engine, media, localRegistry, localPlugins), localRegistry, localPlugins,
                localPlugins.home().resolve("workbench").resolve("remote.json"));
    }

    WorkbenchStream(StreamControllerImpl local, PipelineRegistry localRegistry, PluginManager localPlugins,
            Path remoteFile) {
        this.local = local;
        this.localPlugins = localPlugins;
        this.registry = new ViewRegistry(localRegistry);
        this.plugins = new ViewPlugins(localPlugins);
        this.remoteFile = remoteFile;
        this.active = local;
        follow(local);
    }

    /** Passes on what {@code from} says while it is the stream in use. */
    private void follow(StreamController from) {
        from.addListener(s -> {
            if (active == from) {
                listeners.fire(s);
            }
        });
        from.addFrameListener(new FrameListener() {
            @Override
            public void outputFrame(Frame frame, long ptsMicros) {
                deliver(from, frame, ptsMicros, true);
            }

            @Override
            public void inputFrame(Frame frame, long ptsMicros) {
                deliver(from, frame, ptsMicros, false);
            }
        });
    }

    /** A backend's frame to this controller's listeners while that backend is the one in use. */
    private void deliver(StreamController from, Frame frame, long pts, boolean output) {
        try {
            if (active == from) {
                Frames.handOut(frameListeners, frame, pts, output);
            }
        } finally {
            frame.release();
        }
    }

    @Deactivate
    void deactivate() {
        RemoteStream r;
        RelayClient c;
        synchronized (this) {
            r = remote;
            c = relay;
            remote = null;
            relay = null;
        }
        if (r != null) {
            r.close();
            c.close();
        }
        local.deactivate();
        registry.close();
        scheduler.shutdownNow();
    }

    // --- RemoteMode

    @Override
    public RemoteStatus connect(String server, String token) throws IOException {
        URI url = RelayClient.relayUrl(server);
        disconnect();
        RelayClient c = new RelayClient(url, token, http, scheduler, Clock.systemUTC());
        try {
            c.connect().get(CONNECT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            c.close();
            throw new IOException("cannot connect to " + url + ": " + RelayClient.why(e));
        } catch (TimeoutException e) {
            c.close();
            throw new IOException("cannot connect to " + url + ": no answer within " + CONNECT_WAIT.toSeconds() + " s");
        } catch (InterruptedException e) {
            c.close();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while connecting to " + url);
        }
        RemoteRegistry rr = new RemoteRegistry(url.toString());
        StreamState was = local.state();
        RemoteStream rs = new RemoteStream(c, http, token, rr, scheduler, was);
        try {
            rs.refreshRegistry();
        } catch (IOException e) {
            rs.close();
            c.close();
            throw new IOException("cannot use " + url + ": " + e.getMessage(), e);
        }
        RemotePlugins rp = new RemotePlugins((method, path, body) -> ask(rs, method, path, body), url.toString(),
                localPlugins::home);
        follow(rs);
        c.addStatusListener(s -> tellRemote());
        local.standBy();
        synchronized (this) {
            relay = c;
            remote = rs;
        }
        registry.use(rr);
        plugins.use(rp);
        active = rs;
        remember(server);
        tellRemote();
        listeners.fire(rs.state());
        if (was.running()) {
            try {
                rs.start();
            } catch (IOException | RuntimeException e) {
                notice(Messages.readable(e)); // connected; the stream says why it is stopped
            }
        }
        return status();
    }

    private static RelayAnswer ask(RemoteStream rs, String method, String path, Object body) {
        try {
            return rs.call(method, path, body);
        } catch (IOException e) {
            throw new dev.scope.engine.api.PluginException(dev.scope.engine.api.PluginException.Kind.FAILED,
                    e.getMessage(), e);
        }
    }

    @Override
    public void disconnect() {
        RemoteStream r;
        RelayClient c;
        synchronized (this) {
            r = remote;
            c = relay;
            remote = null;
            relay = null;
        }
        if (r == null) {
            return;
        }
        StreamState there = r.state();
        boolean streaming = there.running();
        r.close();
        c.close();
        bringHome(there);
        active = local;
        registry.use(null);
        plugins.use(null);
        tellRemote();
        listeners.fire(local.state());
        if (streaming) {
            try {
                local.start();
            } catch (IOException | RuntimeException e) {
                notice(Messages.readable(e));
            }
        }
    }

    /** The source, chain, values and bypass of the stream on the server become this machine's (the stream is stopped here). */
    private void bringHome(StreamState there) {
        try {
            local.setSource(there.source());
        } catch (IOException | RuntimeException e) {
            notice("the server's source stays there: " + Messages.readable(e));
        }
        try {
            local.setChain(there.chain());
            for (int i = 0; i < there.bypass().size(); i++) {
                if (there.bypass().get(i)) {
                    local.setBypass(i, true);
                }
            }
        } catch (IOException | RuntimeException e) {
            notice("the chain of the server cannot run on this machine (" + Messages.readable(e) + "); the one that ran"
                    + " here before is back");
        }
    }

    @Override
    public RemoteStatus status() {
        RelayClient c;
        synchronized (this) {
            c = relay;
        }
        if (c == null) {
            return RemoteStatus.LOCAL;
        }
        RelayStatus s = c.status();
        return switch (s.state()) {
            case CLOSED -> RemoteStatus.LOCAL;
            case CONNECTED, CONNECTING -> new RemoteStatus(RemoteStatus.State.CONNECTED, s.url(), s.capabilities(), null,
                    null);
            case RECONNECTING -> new RemoteStatus(RemoteStatus.State.RECONNECTING, s.url(), s.capabilities(), s.error(),
                    s.retryAt());
        };
    }

    private void tellRemote() {
        RemoteStatus now = status();
        for (Consumer<RemoteStatus> l : remoteListeners) {
            try {
                l.accept(now);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "a remote-mode listener failed and was dropped: " + e, e);
                remoteListeners.remove(l);
            }
        }
    }

    @Override
    public String lastServer() {
        try {
            return Files.isRegularFile(remoteFile) && Json.read(Files.readString(remoteFile)) instanceof Map<?, ?> m
                    && m.get("server") instanceof String s ? s : null;
        } catch (IOException | RuntimeException e) {
            return null; // unreadable: the dialog offers the default
        }
    }

    private void remember(String server) {
        try {
            Json.writeAtomically(remoteFile, Map.of("server", server.strip()));
        } catch (java.io.UncheckedIOException e) {
            LOG.log(System.Logger.Level.DEBUG, "the server's address could not be remembered: " + e.getMessage());
        }
    }

    @Override
    public void addListener(Consumer<RemoteStatus> listener) {
        remoteListeners.add(listener);
    }

    @Override
    public void removeListener(Consumer<RemoteStatus> listener) {
        remoteListeners.remove(listener);
    }

    @Override
    public PipelineRegistry registry() {
        return registry;
    }

    @Override
    public PluginManager plugins() {
        return plugins;
    }

    // --- StreamController: the stream in use

    @Override
    public StreamState state() {
        return active.state();
    }

    @Override
    public boolean wasStreaming() {
        return local.wasStreaming();
    }

    @Override
    public void start() throws IOException {
        active.start();
    }

    @Override
    public void stop() {
        active.stop();
    }

    @Override
    public void pause() {
        active.pause();
    }

    @Override
    public void resume() {
        active.resume();
    }

    @Override
    public void setSource(SourceSpec source) throws IOException {
        active.setSource(source);
    }

    @Override
    public void setChain(ChainSpec chain) throws IOException {
        active.setChain(chain);
    }

    @Override
    public void setParams(int stage, Map<String, ?> values) {
        active.setParams(stage, values);
    }

    @Override
    public void setBypass(int stage, boolean bypass) {
        active.setBypass(stage, bypass);
    }

    @Override
    public void startRecording(Path mp4) throws IOException {
        active.startRecording(mp4);
    }

    @Override
    public Optional<Path> stopRecording() throws IOException {
        return active.stopRecording();
    }

    @Override
    public void snapshot(Path png) throws IOException {
        active.snapshot(png);
    }

    @Override
    public Optional<SessionMetrics> metrics() {
        return active.metrics();
    }

    @Override
    public List<StageStatus> stages() {
        return active.stages();
    }

    @Override
    public List<String> takeNotices() {
        List<String> all = new ArrayList<>(local.takeNotices());
        StreamController a = active;
        if (a != local) {
            all.addAll(a.takeNotices());
        }
        all.addAll(super.takeNotices());
        return all;
    }
}
