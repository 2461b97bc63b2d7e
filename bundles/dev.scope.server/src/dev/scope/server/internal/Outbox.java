package dev.scope.server.internal;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;

import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * The messages waiting to go out on one WebSocket, sent one at a time: the next starts when
 * Jetty says the previous one is written. Bounded: a client that stops reading fills it, and a
 * message past the bound is refused (the caller drops it or closes the socket), so a slow or
 * malicious client never holds more than that much of the server's memory, nor any stream's
 * thread. Thread-safe.
 */
final class Outbox {

    private final Session session;
    private final int capacity;
    private final ArrayDeque<Object> waiting = new ArrayDeque<>(); // String or ByteBuffer
    private boolean sending;

    /** @param capacity how many messages may wait behind the one being written */
    Outbox(Session session, int capacity) {
        this(session, capacity, false);
    }

    /**
     * @param held whether messages offered wait until {@link #release} sends a first one before
     *        them (a relay connection's {@code ready}: it is registered for events before it says
     *        ready, and no event overtakes it)
     */
    Outbox(Session session, int capacity, boolean held) {
        this.session = session;
        this.capacity = capacity;
        this.sending = held;
    }

    /** Sends {@code first}, then what was offered while the outbox was held. */
    void release(Object first) {
        send(first);
    }

    /** @return whether the message was queued; false when the outbox is full or the socket closed */
    boolean offer(Object message) {
        synchronized (this) {
            if (!session.isOpen()) {
                return false;
            }
            if (sending) {
                if (waiting.size() >= capacity) {
                    return false;
                }
                waiting.add(message);
                return true;
            }
            sending = true;
        }
        send(message);
        return true;
    }

    /** @return whether a message is being written now (the preview's "one frame in flight") */
    synchronized boolean busy() {
        return sending;
    }

    private void send(Object message) {
        Callback next = Callback.from(this::sent, failure -> sent());
        if (message instanceof String text) {
            session.sendText(text, next);
        } else {
            session.sendBinary((ByteBuffer) message, next);
        }
    }

    private void sent() {
        Object message;
        synchronized (this) {
            message = waiting.poll();
            if (message == null) {
                sending = false;
                return;
            }
        }
        send(message);
    }
}
