package dev.scope.engine.internal;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import dev.scope.engine.api.Engine;
import dev.scope.engine.api.PipelineRegistry;
import dev.scope.engine.fixture.DoublingFactory;
import dev.scope.engine.fixture.FailingCallFactory;
import dev.scope.engine.fixture.FixtureConfig;
import dev.scope.engine.fixture.FixtureFactory;
import dev.scope.engine.fixture.HangingFactory;
import dev.scope.engine.fixture.MarkFactory;
import dev.scope.engine.fixture.VramFactory;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/** The running framework, the engine's services, and fixture plugin bundles that tests install. */
abstract class FrameworkFixture {

    static final String API = "dev.scope.pipeline.api";

    final BundleContext context = FrameworkUtil.getBundle(FrameworkFixture.class).getBundleContext();
    private final List<Bundle> installed = new ArrayList<>();
    PipelineRegistry registry;
    Engine engine;

    @BeforeEach
    void services() throws Exception {
        registry = service(PipelineRegistry.class);
        engine = service(Engine.class);
    }

    @AfterEach
    void uninstallFixtures() throws Exception {
        for (Bundle b : installed) {
            if (b.getState() != Bundle.UNINSTALLED) {
                b.uninstall();
            }
        }
    }

    private <T> T service(Class<T> type) throws InterruptedException {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        T s = tracker.waitForService(TimeUnit.SECONDS.toMillis(10));
        assertNotNull(s, type.getSimpleName() + " service did not appear");
        return s;
    }

    Bundle install(String name, String imports, Class<?> factory, Class<?>... classes) throws Exception {
        List<Class<?>> all = new ArrayList<>(List.of(classes));
        all.add(factory);
        Bundle b = TestBundles.install(context, name, imports, factory, all);
        installed.add(b);
        return b;
    }

    /** As {@link #install}, as a given bundle version (versions of one name install side by side). */
    Bundle install(String name, String version, String imports, List<Class<?>> classes) throws Exception {
        Bundle b = TestBundles.install(context, name, version, imports, classes.get(0), classes);
        installed.add(b);
        return b;
    }

    /** Installs and starts the {@code fixture-add} plugin under the given bundle name. */
    void startAddFixture(String name) throws Exception {
        start(name, "fixture-add", FixtureFactory.class, FixtureConfig.class);
    }

    /** Installs and starts the {@code fixture-fails} postprocessor (its third call throws). */
    void startFailingFixture() throws Exception {
        start("fixture-fails", "fixture-fails", FailingCallFactory.class, FailingCallFactory.Config.class);
    }

    /** Installs and starts {@code fixture-double} (batches of 4, two outputs for each input). */
    void startDoublingFixture() throws Exception {
        start("fixture-double", "fixture-double", DoublingFactory.class, DoublingFactory.Config.class);
    }

    /** Installs and starts {@code fixture-hang} (its third call waits; see {@link HangingFactory}). */
    void startHangingFixture() throws Exception {
        start("fixture-hang", "fixture-hang", HangingFactory.class, HangingFactory.Config.class);
    }

    /** Installs and starts {@code fixture-mark} (a pre- and postprocessor; see {@link MarkFactory}). */
    void startMarkFixture() throws Exception {
        start("fixture-mark", "fixture-mark", MarkFactory.class, MarkFactory.Config.class);
    }

    /** Installs and starts {@code fixture-vram} (estimated_vram_gb 2). */
    void startVramFixture() throws Exception {
        start("fixture-vram", "fixture-vram", VramFactory.class, VramFactory.Config.class);
    }

    /**
     * Installs and starts a fixture bundle of a factory, its config class and its pipeline (the
     * factory's first anonymous class), and waits until the registry lists the pipeline.
     */
    private void start(String bundle, String id, Class<?> factory, Class<?> config) throws Exception {
        install(bundle, API, factory, config, Class.forName(factory.getName() + "$1")).start();
        await(() -> registry.find(id).isPresent(), id + " is listed");
    }

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(20);
        }
    }
}
