package dev.scope.ui.testing.internal;

import java.nio.file.Path;

import dev.scope.engine.api.PipelineRegistry;
import dev.scope.engine.api.PluginManager;
import dev.scope.ui.stream.StreamController;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.workbench.IWorkbench;
import org.eclipse.e4.ui.workbench.UIEvents;
import org.eclipse.swt.widgets.Display;
import org.osgi.service.event.Event;

import jakarta.inject.Inject;

/**
 * The workbench driver, an e4 add-on every product carries (see fragment.e4xmi): idle unless the
 * system property {@value #SCENARIO} names a scenario, which then runs on a thread of its own once
 * the workbench has opened, drives the real workbench through real input events and writes what it
 * saw into the folder {@value #OUT} (a report and screenshots). releng's product smoke test runs
 * {@code ./scope} with {@code SCOPE_JAVA_OPTIONS="-Dscope.ui.driver=smoke -Dscope.ui.driver.out=DIR"}.
 */
public final class WorkbenchDriver {

    /** The system property naming the scenario: {@code smoke}, {@code live} or {@code remote}. */
    public static final String SCENARIO = "scope.ui.driver";
    /** The system property naming the folder for the report and the screenshots. */
    public static final String OUT = "scope.ui.driver.out";

    @Inject
    @Optional
    void started(@UIEventTopic(UIEvents.UILifeCycle.APP_STARTUP_COMPLETE) Event event, IWorkbench workbench,
            StreamController controller, PluginManager plugins, PipelineRegistry registry,
            dev.scope.ui.stream.RemoteMode remote, org.eclipse.e4.ui.model.application.MApplication app) {
        String scenario = System.getProperty(SCENARIO);
        if (scenario == null || scenario.isBlank()) {
            return;
        }
        Path out = Path.of(System.getProperty(OUT, "scope-ui-driver"));
        Display display = Display.getCurrent();
        Runnable run = switch (scenario) {
            case "smoke" -> new SmokeScenario(display, workbench, controller, app.getContext(), out);
            case "live" -> new LiveScenario(display, workbench, controller, plugins, registry, app.getContext(), out);
            case "remote" -> new RemoteScenario(display, workbench, controller, remote, out);
            default -> () -> SmokeScenario.fail(out, workbench, display, "unknown scenario '" + scenario
                    + "'; expected smoke, live or remote");
        };
        Thread thread = new Thread(run, "scope-ui-driver");
        thread.setDaemon(true);
        thread.start();
    }
}
