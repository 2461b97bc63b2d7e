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
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Shell;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/**
 * The Plugins view (the main perspective's Plugins stack, Ctrl+5): a {@link PluginsView} on the
 * framework's plugin manager and pipeline registry, its outcomes in the status line. The JAR to
 * install is asked for with a native file dialog, unless the context holds a chooser under
 * {@value #CHOOSER} (a {@code Function<Shell, String>}), which the workbench driver sets: a native
 * dialog cannot be driven by posted events.
 */
public final class PluginsPart {

    /** The context key of a replacement for the file dialog. */
    public static final String CHOOSER = "dev.scope.ui.plugins.chooser";

    @Inject
    private PluginManager plugins;
    @Inject
    private PipelineRegistry registry;
    @Inject
    private IEventBroker broker;
    @Inject
    private IEclipseContext context;

    private PluginsView view;

    @PostConstruct
    void create(Composite parent) {
        parent.setLayout(new FillLayout());
        view = new PluginsView(parent, plugins, registry, broker::post, this::choose);
    }

    @SuppressWarnings("unchecked")
    private String choose(Shell shell) {
        if (context.get(CHOOSER) instanceof Function<?, ?> replacement) {
            return ((Function<Shell, String>) replacement).apply(shell);
        }
        FileDialog dialog = new FileDialog(shell, SWT.OPEN);
        dialog.setText("Install a Plugin");
        dialog.setFilterExtensions(new String[] {"*.jar", "*"});
        dialog.setFilterNames(new String[] {"Plugin bundle JARs (*.jar)", "All files"});
        return dialog.open();
    }

    @Focus
    void focus() {
        view.focus();
    }
}
