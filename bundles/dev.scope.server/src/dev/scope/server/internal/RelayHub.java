package dev.scope.server.internal;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.scope.schema.Json;

/**
 * The relay connections of one server, for the events it pushes to every client:
 * {@code stream_started}, {@code stream_stopped}, {@code notification}, {@code logs}. A client
 * whose outbox is full misses the event (it is behind; the next {@code api} answer still reaches
 * it). Thread-safe.
 */
final class RelayHub {

    private final Set<Outbox> clients = ConcurrentHashMap.newKeySet();

    void add(Outbox client) {
        clients.add(client);
    }

    void remove(Outbox client) {
        clients.remove(client);
    }

    /** @param event a JSON object with its {@code type} */
    void push(Map<String, Object> event) {
        String text = Json.write(event);
        for (Outbox c : clients) {
            c.offer(text);
        }
    }

    int size() {
        return clients.size();
    }
}
