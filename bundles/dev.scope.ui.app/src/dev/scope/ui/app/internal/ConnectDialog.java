package dev.scope.ui.app.internal;

import java.util.function.Consumer;

import dev.scope.ui.stream.RemoteStatus;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

/**
 * The Connect to Server dialog: the server's address ({@code http://host:port}, the last one
 * offered), its token (hidden as typed; never saved), where the workbench is now, and Connect
 * (Enter), Disconnect and Cancel (Esc). Not modal for the stream: it goes on while the dialog is
 * open. Test ids {@code remote.server}, {@code remote.token}, {@code remote.state},
 * {@code remote.connect}, {@code remote.disconnect}.
 */
final class ConnectDialog {

    /** What the user chose. */
    record Choice(String server, String token, boolean disconnect) {
    }

    static final String DEFAULT_SERVER = "http://127.0.0.1:8000";

    private ConnectDialog() {
    }

    /** Opens the dialog; {@code then} gets the choice on the UI thread (nothing on Cancel). */
    static Shell open(Shell parent, RemoteStatus now, String last, Consumer<Choice> then) {
        Shell shell = new Shell(parent, SWT.DIALOG_TRIM | SWT.APPLICATION_MODAL | SWT.RESIZE);
        shell.setText("Connect to a Scope Server");
        shell.setData("test.id", "remote.dialog");
        shell.setLayout(new GridLayout(2, false));
        label(shell, "&Server:");
        Text server = new Text(shell, SWT.BORDER | SWT.SINGLE);
        server.setData("test.id", "remote.server");
        server.setText(now.remote() ? now.server().toString() : last != null ? last : DEFAULT_SERVER);
        server.setMessage(DEFAULT_SERVER);
        GridData wide = new GridData(SWT.FILL, SWT.CENTER, true, false);
        wide.widthHint = 380;
        server.setLayoutData(wide);
        label(shell, "&Token:");
        Text token = new Text(shell, SWT.BORDER | SWT.SINGLE | SWT.PASSWORD);
        token.setData("test.id", "remote.token");
        token.setMessage("none (a server on this machine needs none)");
        token.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        Label state = new Label(shell, SWT.WRAP);
        state.setData("test.id", "remote.state");
        state.setText("Now: " + now.describe() + (now.remote() ? "" : " (this machine's engine)")
                + "\nThe stream, its settings, the preview and the plugins become the server's; the stream moves"
                + " there with its values.");
        state.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        Composite buttons = new Composite(shell, SWT.NONE);
        buttons.setLayoutData(new GridData(SWT.END, SWT.CENTER, true, false, 2, 1));
        buttons.setLayout(new GridLayout(3, true));
        Button connect = button(buttons, "&Connect", "remote.connect");
        Button disconnect = button(buttons, "&Disconnect", "remote.disconnect");
        disconnect.setEnabled(now.remote());
        Button cancel = button(buttons, "Cancel", "remote.cancel");
        shell.setDefaultButton(connect);
        connect.addListener(SWT.Selection, e -> {
            Choice c = new Choice(server.getText().strip(), token.getText(), false);
            shell.close();
            then.accept(c);
        });
        disconnect.addListener(SWT.Selection, e -> {
            shell.close();
            then.accept(new Choice(null, null, true));
        });
        cancel.addListener(SWT.Selection, e -> shell.close());
        shell.pack();
        shell.setLocation(parent.getLocation().x + (parent.getSize().x - shell.getSize().x) / 2,
                parent.getLocation().y + (parent.getSize().y - shell.getSize().y) / 3);
        shell.open();
        server.setFocus();
        server.selectAll();
        return shell;
    }

    private static void label(Composite parent, String text) {
        Label l = new Label(parent, SWT.NONE);
        l.setText(text);
    }

    private static Button button(Composite parent, String text, String id) {
        Button b = new Button(parent, SWT.PUSH);
        b.setText(text);
        b.setData("test.id", id);
        b.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        return b;
    }
}
