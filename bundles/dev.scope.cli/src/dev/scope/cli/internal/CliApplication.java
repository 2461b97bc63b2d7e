package dev.scope.cli.internal;

import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.scope.engine.api.Engine;
import dev.scope.engine.api.PipelineRegistry;
import dev.scope.engine.api.PluginManager;
import dev.scope.media.MediaService;
import dev.scope.server.ApiServer;

import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The headless entry point, application id {@code dev.scope.cli.app}: runs one {@link Cli}
 * command with the engine's services.
 *
 * <p>The Integer returned by {@link #start} becomes the process exit code: Equinox's app
 * container stores it in the {@code eclipse.exitcode} property and the launcher passes that to
 * {@code System.exit}. Stdout carries the command's output only; the framework logs to the log
 * file in the configuration area.
 */
public final class CliApplication implements IApplication {

    private static final long SERVICE_WAIT_SECONDS = 30;

    @Override
    public Object start(IApplicationContext context) {
        String[] args = (String[]) context.getArguments().get(IApplicationContext.APPLICATION_ARGS);
        context.applicationRunning();
        LogSetup.configure(System.getenv("SCOPE_LOG"));
        BundleContext bundles = FrameworkUtil.getBundle(CliApplication.class).getBundleContext();
        try {
            CliServices services = new CliServices(await(bundles, PipelineRegistry.class), await(bundles, Engine.class),
                    await(bundles, PluginManager.class), () -> await(bundles, MediaService.class),
                    () -> await(bundles, ApiServer.class));
            int code = new Cli(services, System.out, System.err).run(args == null ? List.of() : List.of(args));
            System.out.flush();
            return Integer.valueOf(code);
        } catch (IllegalStateException e) {
            System.err.println("scope: " + e.getMessage());
            return Integer.valueOf(Cli.FAILED);
        } catch (RuntimeException | Error e) {
            // never let it reach the launcher, which would print its own message on stdout
            System.getLogger(CliApplication.class.getName()).log(System.Logger.Level.DEBUG, "start failed", e);
            System.err.println("scope: failed: " + Cli.plain(e));
            return Integer.valueOf(Cli.FAILED);
        }
    }

    private static <T> T await(BundleContext context, Class<T> type) {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        try {
            T service = tracker.waitForService(TimeUnit.SECONDS.toMillis(SERVICE_WAIT_SECONDS));
            if (service == null) {
                throw new IllegalStateException("the " + type.getSimpleName() + " service did not start within "
                        + SERVICE_WAIT_SECONDS + " s; see the log file in " + context.getProperty("osgi.configuration.area"));
            }
            return service;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting");
        }
    }

    @Override
    public void stop() {
        // start() returns as soon as its command is done: nothing to interrupt
    }
}
