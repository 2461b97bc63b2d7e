package dev.scope.server.internal;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import dev.scope.engine.api.FrameSink;
import dev.scope.engine.api.TimedFrame;
import dev.scope.media.Jpeg;
import dev.scope.pipeline.api.Frame;

import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;

/**
 * The remote preview of a session: a sink of the session that hands each output frame to every
 * preview client ({@code /ws/preview/{session_id}}) as one binary WebSocket message, a
 * {@value #HEADER_BYTES}-byte header and a JPEG. Each client has at most one frame in flight, from
 * the moment its JPEG is being encoded until Jetty has written it; a frame that comes meanwhile is
 * skipped for that client and counted, so a slow client sees fewer frames and never slows the
 * stream. Encoding runs on the server's preview threads, never on the session's sink thread,
 * which only retains the frame; clients that ask the same size and quality share one JPEG.
 *
 * <p>The header, big-endian: the bytes {@code 'S' 'V'}, the version 1, flags (0), the frame's pts
 * in microseconds (int64), the frame's number in the session's output (uint32, from 0; a gap is
 * frames skipped for this client).
 */
final class PreviewFanout implements FrameSink {

    static final int HEADER_BYTES = 16;

    /** One preview client and its figures. */
    static final class Client {
        final String id;
        final Session socket;
        final Outbox out;
        final int quality;
        final int maxSide;
        final AtomicBoolean encoding = new AtomicBoolean();
        final AtomicLong sent = new AtomicLong();
        final AtomicLong skipped = new AtomicLong();

        Client(String id, Session socket, int quality, int maxSide) {
            this.id = id;
            this.socket = socket;
            this.out = new Outbox(socket, 0); // nothing waits: one frame in flight
            this.quality = quality;
            this.maxSide = maxSide;
        }

        /** @return whether a frame may be sent now: none is being encoded or written */
        boolean claim() {
            return !out.busy() && encoding.compareAndSet(false, true);
        }
    }

    private final Set<Client> clients = ConcurrentHashMap.newKeySet();
    private final Executor encoder;
    private final Runnable onClose;
    private final AtomicLong frames = new AtomicLong();
    private volatile boolean closed;

    /**
     * @param encoder where JPEGs are encoded (the server's preview threads)
     * @param onClose told once when the session's output ends (it closes its sinks)
     */
    PreviewFanout(Executor encoder, Runnable onClose) {
        this.encoder = encoder;
        this.onClose = onClose;
    }

    /** @return whether the client was added; false when the session's output has ended */
    boolean add(Client client) {
        if (closed) {
            return false;
        }
        clients.add(client);
        return true;
    }

    void remove(Client client) {
        clients.remove(client);
    }

    @Override
    public String description() {
        return "remote preview";
    }

    /**
     * Retains the frame once for each size and quality that a free client asks, and hands it to the
     * preview threads: one JPEG a frame for all the clients that ask the same, however many.
     */
    @Override
    public void accept(TimedFrame frame, double frameRate) {
        long number = frames.getAndIncrement();
        if (clients.isEmpty()) {
            return; // no preview client: nothing is retained or allocated for this frame
        }
        Map<List<Integer>, List<Client>> free = new LinkedHashMap<>();
        for (Client c : clients) {
            if (c.claim()) {
                free.computeIfAbsent(List.of(c.quality, c.maxSide), k -> new ArrayList<>()).add(c);
            } else {
                c.skipped.incrementAndGet();
            }
        }
        for (List<Client> same : free.values()) {
            Frame held = frame.frame().retain();
            try {
                encoder.execute(() -> encodeAndSend(same, held, frame.ptsMicros(), number));
            } catch (RejectedExecutionException e) {
                held.release();
                same.forEach(c -> c.encoding.set(false));
            }
        }
    }

    private void encodeAndSend(List<Client> same, Frame frame, long pts, long number) {
        try {
            byte[] jpeg;
            try {
                Client first = same.get(0);
                jpeg = Jpeg.encode(frame, first.quality, first.maxSide);
            } finally {
                frame.release();
            }
            ByteBuffer message = ByteBuffer.allocate(HEADER_BYTES + jpeg.length);
            message.put((byte) 'S').put((byte) 'V').put((byte) 1).put((byte) 0).putLong(pts).putInt((int) number)
                    .put(jpeg).flip();
            for (Client c : same) {
                if (c.out.offer(message.duplicate())) {
                    c.sent.incrementAndGet();
                } else {
                    c.skipped.incrementAndGet();
                }
            }
        } finally {
            same.forEach(c -> c.encoding.set(false));
        }
    }

    /** @return each client's figures: {@code client_id, quality, max_size, sent, skipped} */
    List<Map<String, Object>> stats() {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Client c : clients) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("client_id", c.id);
            m.put("quality", c.quality);
            m.put("max_size", c.maxSide);
            m.put("sent", c.sent.get());
            m.put("skipped", c.skipped.get());
            list.add(m);
        }
        return list;
    }

    /** @return how many frames the session put out to the preview so far */
    long frames() {
        return frames.get();
    }

    /** The session's output ended: every preview client is told and closed. */
    @Override
    public void close() {
        closed = true;
        for (Client c : clients) {
            c.socket.close(StatusCode.NORMAL, "the session ended", Callback.NOOP);
        }
        clients.clear();
        onClose.run();
    }
}
