package dev.scope.ui.plugins.internal;

import java.util.function.Function;

import dev.scope.engine.api.PipelineRegistry;
import dev.scope.engine.api.PluginManager;

import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Shell;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/**
 * The Plugins view (the main perspective's Plugins stack, Ctrl+5): a {@link PluginsView} on the
 * framework's plugin manager and pipeline registry, its outcomes in the status line. The JAR to
 * install and the project folder to link are asked for with native dialogs, unless the context
 * holds a chooser under {@value #CHOOSER} or {@value #FOLDER_CHOOSER} (a
 * {@code Function<Shell, String>}), which the workbench driver sets: a native dialog cannot be
 * driven by posted events.
 */
public final class PluginsPart {

    /** The context key of a replacement for the file dialog. */
    public static final String CHOOSER = "dev.scope.ui.plugins.chooser";
    /** The context key of a replacement for the folder dialog of Link Folder. */
    public static final String FOLDER_CHOOSER = "dev.scope.ui.plugins.folderChooser";

    @Inject
    private PluginManager plugins;
    @Inject
    private PipelineRegistry registry;
    @Inject
    private IEventBroker broker;
    @Inject
    private IEclipseContext context;

    @Inject
    @org.eclipse.e4.core.di.annotations.Optional
    private dev.scope.ui.stream.RemoteMode remote;
    @Inject
    private org.eclipse.e4.ui.di.UISynchronize sync;

    private PluginsView view;
    private final java.util.function.Consumer<dev.scope.ui.stream.RemoteStatus> onRemote = s -> sync.asyncExec(
            () -> offer(s));
    /** The operations offered now; {@code null}: all of them, as the view starts. */
    private java.util.Set<String> offered;

    @PostConstruct
    void create(Composite parent) {
        parent.setLayout(new FillLayout());
        view = new PluginsView(parent, plugins, registry, broker::post, this::chooseJar, this::chooseFolder);
        if (remote != null) {
            remote.addListener(onRemote);
            parent.addDisposeListener(e -> remote.removeListener(onRemote));
            offer(remote.status());
        }
    }

    /**
     * A server's plugins: install, uninstall and reload while it allows them (its
     * {@code plugin_install} capability), nothing else its API does not offer.
     */
    private void offer(dev.scope.ui.stream.RemoteStatus s) {
        java.util.Set<String> ids = !s.remote() ? null
                : s.pluginInstall() ? java.util.Set.of("install", "reload", "uninstall") : java.util.Set.of();
        if (view.isDisposed() || java.util.Objects.equals(ids, offered)) {
            return;
        }
        offered = ids;
        if (ids == null) {
            view.offer(null, "The plugins of this machine");
        } else {
            view.offer(ids::contains, "The plugins of the server " + s.server().getHost() + ":" + s.server().getPort()
                    + (s.pluginInstall() ? "" : "; it does not let plugins be installed, uninstalled or reloaded"
                            + (Boolean.TRUE.equals(s.capabilities().get("cloud")) ? " (cloud mode)" : "")));
        }
    }

    @SuppressWarnings("unchecked")
    private String replaced(String key, Shell shell) {
        return context.get(key) instanceof Function<?, ?> replacement ? ((Function<Shell, String>) replacement)
                .apply(shell) : null;
    }

    private String chooseJar(Shell shell) {
        if (context.get(CHOOSER) != null) {
            return replaced(CHOOSER, shell);
        }
        FileDialog dialog = new FileDialog(shell, SWT.OPEN);
        dialog.setText("Install a Plugin");
        dialog.setFilterExtensions(new String[] {"*.jar", "*"});
        dialog.setFilterNames(new String[] {"Plugin bundle JARs (*.jar)", "All files"});
        return dialog.open();
    }

    private String chooseFolder(Shell shell) {
        if (context.get(FOLDER_CHOOSER) != null) {
            return replaced(FOLDER_CHOOSER, shell);
        }
        DirectoryDialog dialog = new DirectoryDialog(shell, SWT.OPEN);
        dialog.setText("Link a Plugin Project Folder");
        dialog.setMessage("A plugin project folder: its build's JAR in target/ is installed, and each new build"
                + " is swapped in");
        return dialog.open();
    }

    @Focus
    void focus() {
        view.focus();
    }
}
