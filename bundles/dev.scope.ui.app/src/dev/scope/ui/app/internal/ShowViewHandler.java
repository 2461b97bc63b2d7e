package dev.scope.ui.app.internal;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.MUIElement;
import org.eclipse.e4.ui.model.application.ui.advanced.MPlaceholder;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.model.application.ui.basic.MPartStack;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.e4.ui.workbench.modeling.EPartService;

import jakarta.inject.Named;

/**
 * View > Pipeline ... Performance (Ctrl+1 to Ctrl+6): activates the view on top of one of the
 * main perspective's part stacks and gives it the keyboard focus, whichever bundle contributed it.
 */
public final class ShowViewHandler {

    /** The command parameter: the element id of the part stack. */
    static final String STACK = "dev.scope.ui.command.view.show.stack";

    @Execute
    void execute(@Named(STACK) String stackId, MApplication app, EModelService models, EPartService parts,
            IEventBroker broker) {
        MUIElement found = models.find(stackId, app);
        MPart part = found instanceof MPartStack stack ? top(stack) : null;
        if (part == null) {
            broker.post(StatusTopics.INFO, "That view is not part of this workbench yet");
            return;
        }
        parts.activate(part, true);
    }

    private static MPart top(MPartStack stack) {
        MUIElement selected = stack.getSelectedElement();
        if (selected == null && !stack.getChildren().isEmpty()) {
            selected = stack.getChildren().get(0);
        }
        if (selected instanceof MPlaceholder p) {
            selected = p.getRef();
        }
        return selected instanceof MPart part ? part : null;
    }
}
