package dev.scope.server.internal;

import dev.scope.server.ApiServer;
import dev.scope.server.ServeOptions;
import dev.scope.server.Serving;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * A test class with a server of its own (the ApiServer service on a free loopback port), so that
 * its session and loaded pipeline are its own; a session a test leaves running is stopped after it.
 */
abstract class OwnServer {

    static Serving serving;

    @BeforeAll
    static void serve() throws InterruptedException {
        serving = ServerOsgiTest.service(ApiServer.class).serve(ServeOptions.loopback(0));
    }

    @AfterAll
    static void close() {
        serving.close();
    }

    @AfterEach
    void stopTheSession() throws Exception {
        ServerOsgiTest.Reply r = ServerOsgiTest.send(serving, "POST", "/api/v1/session/stop", null);
        if (r.status() != 200 && r.status() != 404) {
            throw new AssertionError("stopping the session: " + r.text());
        }
    }
}
