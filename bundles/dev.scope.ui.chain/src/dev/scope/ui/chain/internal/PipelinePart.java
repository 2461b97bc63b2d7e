package dev.scope.ui.chain.internal;

import dev.scope.engine.api.Engine;
import dev.scope.engine.api.PipelineRegistry;
import dev.scope.ui.stream.StreamController;

import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/**
 * The Pipeline view, first in the Pipeline stack (Ctrl+1): a {@link ChainEditor} on the workbench's
 * stream controller, the pipeline registry and the engine's VRAM check. Its refusals go to the
 * status line (topic {@value #ERROR}); its loads show there as progress (the Jobs' monitors).
 */
public final class PipelinePart {

    /** The status line's topic for errors (dev.scope.ui.app's StatusTopics.ERROR). */
    static final String ERROR = "dev/scope/ui/status/error";

    @Inject
    private StreamController controller;
    @Inject
    private PipelineRegistry registry;
    @Inject
    private Engine engine;
    @Inject
    private IEventBroker broker;

    private ChainEditor editor;

    @PostConstruct
    void create(Composite parent) {
        parent.setLayout(new FillLayout());
        editor = new ChainEditor(parent, controller, registry, engine::vramWarning, line -> broker.post(ERROR, line));
    }

    @Focus
    void focus() {
        editor.focus();
    }
}
