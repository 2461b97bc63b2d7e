package dev.scope.server.client;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * Receives one session's remote preview ({@code /ws/preview/{session_id}}): each binary message is
 * a 16-byte header (the bytes {@code S V}, version 1, flags, the pts in microseconds as int64 and
 * the frame's number as uint32, big-endian) and one JPEG, handed to the frame listener as a
 * {@link Frame}. The next message is asked for only once the listener returned, so a slow listener
 * makes the server skip frames for this client (it never slows the stream). Thread-safe.
 */
public final class PreviewClient implements AutoCloseable {

    /** The header's length in bytes. */
    public static final int HEADER = 16;

    /**
     * One preview frame.
     *
     * @param ptsMicros its presentation time in the session, in microseconds
     * @param number its number in the session's output (gaps are frames skipped for this client)
     * @param jpeg the JPEG file's bytes
     */
    public record Frame(long ptsMicros, long number, byte[] jpeg) {
    }

    private final CompletableFuture<WebSocket> socket;
    private final java.util.concurrent.atomic.AtomicBoolean closed;

    private PreviewClient(CompletableFuture<WebSocket> socket, java.util.concurrent.atomic.AtomicBoolean closed) {
        this.socket = socket;
        this.closed = closed;
    }

    /**
     * Opens the preview.
     *
     * @param url the channel's address, {@code ws://host:port/ws/preview/ID} (with
     *        {@code ?quality=..&max_size=..} if wanted)
     * @param token the server's bearer token, or {@code null}
     * @param frames told of each frame, one at a time, on the client's threads
     * @param ended told once why the preview ended (the session stopped, the connection dropped)
     * @return the client; its connection completes in the background
     */
    public static PreviewClient open(HttpClient http, URI url, String token, Consumer<Frame> frames,
            Consumer<String> ended) {
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        if (token != null && !token.isBlank()) {
            builder.header("Authorization", "Bearer " + token.strip());
        }
        java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
        CompletableFuture<WebSocket> ws = builder.buildAsync(url, new WebSocket.Listener() {
            /** The parts of a message that came in more than one, until its last. */
            private final ByteArrayOutputStream parts = new ByteArrayOutputStream();

            @Override
            public CompletionStage<?> onBinary(WebSocket w, ByteBuffer data, boolean last) {
                if (!last || parts.size() > 0) {
                    byte[] part = new byte[data.remaining()];
                    data.get(part);
                    parts.writeBytes(part);
                }
                if (last) {
                    // a message in one part (the usual) is read once, from the socket's buffer
                    Frame f = parse(parts.size() > 0 ? ByteBuffer.wrap(parts.toByteArray()) : data);
                    parts.reset();
                    if (f != null) {
                        frames.accept(f);
                    }
                }
                w.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket w, int code, String reason) {
                ended.accept("the preview closed (" + code + (reason.isBlank() ? "" : " " + reason) + ")");
                return null;
            }

            @Override
            public void onError(WebSocket w, Throwable error) {
                if (!closed.get()) {
                    ended.accept("the preview failed: " + RelayClient.why(error));
                }
            }
        });
        ws.whenComplete((w, failure) -> {
            if (failure != null) {
                ended.accept("the preview could not connect: " + RelayClient.why(failure));
            }
        });
        return new PreviewClient(ws, closed);
    }

    /**
     * @param message a preview message
     * @return its frame, or {@code null} when it is not one (too short, another version)
     */
    public static Frame parse(ByteBuffer message) {
        ByteBuffer b = message.slice(); // big-endian, from the message's first byte
        if (b.remaining() <= HEADER || b.get(0) != 'S' || b.get(1) != 'V' || b.get(2) != 1) {
            return null;
        }
        long pts = b.getLong(4);
        long number = Integer.toUnsignedLong(b.getInt(12));
        byte[] jpeg = new byte[b.remaining() - HEADER];
        b.get(HEADER, jpeg);
        return new Frame(pts, number, jpeg);
    }

    /** @return completes when the preview is connected */
    public CompletableFuture<WebSocket> connected() {
        return socket;
    }

    /** Closes the preview. Idempotent. */
    @Override
    public void close() {
        closed.set(true);
        socket.thenAccept(WebSocket::abort);
    }
}
