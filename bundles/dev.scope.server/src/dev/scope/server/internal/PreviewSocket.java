package dev.scope.server.internal;

import java.nio.ByteBuffer;

import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;

/**
 * One remote-preview client: joins its session's {@link PreviewFanout} on open, leaves on close.
 * Public only because Jetty finds a listener's methods with a public lookup.
 */
public final class PreviewSocket implements Session.Listener.AutoDemanding {

    private final String id;
    private final PreviewFanout fanout;
    private final int quality;
    private final int maxSide;
    private volatile PreviewFanout.Client client;

    PreviewSocket(String id, PreviewFanout fanout, int quality, int maxSide) {
        this.id = id;
        this.fanout = fanout;
        this.quality = quality;
        this.maxSide = maxSide;
    }

    @Override
    public void onWebSocketOpen(Session session) {
        PreviewFanout.Client c = new PreviewFanout.Client(id, session, quality, maxSide);
        client = c;
        if (!fanout.add(c)) {
            session.close(StatusCode.NORMAL, "the session ended", Callback.NOOP);
        }
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        callback.succeed(); // the preview channel goes one way; what a client sends is ignored
    }

    /** A client that goes away mid-frame (its channel closed) is an ordinary end, not a warning. */
    @Override
    public void onWebSocketError(Throwable cause) {
        System.getLogger(PreviewSocket.class.getName()).log(System.Logger.Level.DEBUG, "preview client " + id
                + " failed", cause);
        PreviewFanout.Client c = client;
        if (c != null) {
            fanout.remove(c);
        }
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        PreviewFanout.Client c = client;
        if (c != null) {
            fanout.remove(c);
        }
    }
}
