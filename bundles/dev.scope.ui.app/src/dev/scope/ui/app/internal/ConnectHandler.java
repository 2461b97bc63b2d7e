package dev.scope.ui.app.internal;

import dev.scope.ui.stream.RemoteMode;
import dev.scope.ui.stream.RemoteStatus;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.swt.widgets.Shell;

import jakarta.inject.Named;

/**
 * File > Connect to Server... (Ctrl+Shift+K): the {@link ConnectDialog}; connecting and
 * disconnecting run as stream Jobs, and what goes wrong (a wrong address, a refused token, nobody
 * there) is one line in the status line, the workbench staying as it was.
 */
public final class ConnectHandler {

    @Execute
    void execute(RemoteMode remote, IEventBroker broker, @Named(IServiceConstants.ACTIVE_SHELL) Shell shell) {
        ConnectDialog.open(shell, remote.status(), remote.lastServer(), choice -> {
            if (choice.disconnect()) {
                disconnect(remote, broker);
            } else {
                connect(remote, broker, choice.server(), choice.token());
            }
        });
    }

    /** Connects in a Job. */
    static void connect(RemoteMode remote, IEventBroker broker, String server, String token) {
        StreamJobs.schedule("Connecting to " + server, broker, () -> {
            RemoteStatus s = remote.connect(server, token);
            return "Connected to " + s.server().getHost() + ":" + s.server().getPort() + ": the stream, its settings,"
                    + " the preview and the plugins are the server's" + (s.pluginInstall() ? ""
                            : " (it does not let plugins be installed)");
        });
    }

    /** Disconnects in a Job. */
    static void disconnect(RemoteMode remote, IEventBroker broker) {
        StreamJobs.schedule("Disconnecting", broker, () -> {
            remote.disconnect();
            return "Disconnected: the stream runs on this machine";
        });
    }
}
