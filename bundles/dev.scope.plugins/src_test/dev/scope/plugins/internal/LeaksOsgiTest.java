package dev.scope.plugins.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.scope.engine.api.InstalledPlugin;
import dev.scope.engine.api.PluginSwap;
import dev.scope.plugins.internal.leakfixture.Exporter;
import dev.scope.plugins.internal.leakfixture.LeakyActivator;
import dev.scope.plugins.internal.leakfixture.TidyActivator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * Class-loader leaks across the plugin life cycle, with plugins that run code of their own: a
 * tidy one whose worker thread stops with the bundle, and a leaky one whose thread outlives it.
 */
class LeaksOsgiTest {

    private final BundleContext context = FrameworkUtil.getBundle(LeaksOsgiTest.class).getBundleContext();

    @TempDir
    Path home;
    @TempDir
    Path jars;

    @AfterEach
    void cleanUp() throws Exception {
        for (Bundle b : context.getBundles()) {
            if (b.getLocation().startsWith(PluginStore.LOCATION_PREFIX) || b.getLocation().startsWith("test:")) {
                b.uninstall();
            }
        }
        context.getBundle(0).adapt(FrameworkWiring.class).refreshBundles(null);
        // the leaky plugin's threads end when interrupted
        Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith(LeakyActivator.THREAD_PREFIX)).forEach(Thread::interrupt);
    }

    /** Writes a plugin JAR at {@code jar} with the activator (the same path for every build: its source). */
    private Path pluginJar(Path jar, String name, String version, Class<?> activator) throws IOException {
        Path built = TestJars.bundle(jars.resolve("built"), name, version, Map.of("Bundle-Activator",
                activator.getName(), "Import-Package", "org.osgi.framework"), List.of(activator));
        return Files.move(built, jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private Bundle bundleNamed(String name) {
        return Stream.of(context.getBundles()).filter(b -> name.equals(b.getSymbolicName())).findFirst().orElseThrow();
    }

    private static WeakReference<ClassLoader> loaderOf(Bundle bundle) {
        return new WeakReference<>(bundle.adapt(BundleWiring.class).getClassLoader());
    }

    /** Collects until every reference is cleared, or gives up after a few rounds. */
    private static long usedHeapAfterGc(List<WeakReference<ClassLoader>> loaders) {
        for (int i = 0; i < 10 && (i < 3 || loaders.stream().anyMatch(r -> r.get() != null)); i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    @Test
    void aHundredInstallUpdateUninstallCyclesLeaveNoClassLoaderAndNoHeapBehind() throws Exception {
        PluginManagerImpl manager = new PluginManagerImpl(context, PluginManagerOsgiTest.NO_PIPELINES,
                PluginManagerImpl.NO_STREAMS, home);
        Path jar = jars.resolve("tidy.jar");
        List<WeakReference<ClassLoader>> loaders = new ArrayList<>();
        long before = 0;
        for (int cycle = 0; cycle <= 100; cycle++) {
            if (cycle == 1) {
                // after one cycle that loads what the life cycle itself needs once
                before = usedHeapAfterGc(loaders);
            }
            manager.install(pluginJar(jar, "test-tidy", "1.0." + cycle, TidyActivator.class));
            loaders.add(loaderOf(bundleNamed("test-tidy")));
            pluginJar(jar, "test-tidy", "1.1." + cycle, TidyActivator.class);
            assertEquals("1.1." + cycle, manager.update("test-tidy").toVersion());
            loaders.add(loaderOf(bundleNamed("test-tidy")));
            manager.uninstall("test-tidy");
        }
        long after = usedHeapAfterGc(loaders);
        assertEquals(0, loaders.stream().filter(r -> r.get() != null).count(),
                "every build's class loader was collected");
        long grown = after - before;
        assertTrue(grown < 5L * 1024 * 1024, "the heap after GC grew by " + grown / 1024 + " KiB over 100 cycles");
        manager.install(pluginJar(jar, "test-tidy", "2.0.0", TidyActivator.class));
        assertFalse(manager.list().get(0).leaked(), "a tidy plugin is not marked leaked");
    }

    @Test
    void aPluginWhoseThreadOutlivesItIsMarkedLeakedAfterAnUpdate() throws Exception {
        PluginManagerImpl manager = new PluginManagerImpl(context, PluginManagerOsgiTest.NO_PIPELINES,
                PluginManagerImpl.NO_STREAMS, home);
        Path jar = jars.resolve("leaky.jar");
        manager.install(pluginJar(jar, "test-leaky", "1.0.0", LeakyActivator.class));
        assertFalse(manager.list().get(0).leaked(), "nothing was replaced yet");
        WeakReference<ClassLoader> first = loaderOf(bundleNamed("test-leaky"));
        pluginJar(jar, "test-leaky", "1.1.0", LeakyActivator.class);
        manager.update("test-leaky");
        // the manager never forces a collection (it would stall a stream); the JVM's own do
        System.gc();
        System.gc();
        InstalledPlugin after = manager.list().get(0);
        assertEquals("1.1.0", after.version());
        assertTrue(after.leaked(), "the 1.0.0 build's class loader is held by its thread");
        assertTrue(first.get() != null, "and it really is held");
        assertTrue(manager.list().get(0).leaked(), "the mark stays while the loader is held");
    }

    @Test
    void aHeldLoaderCountsAsLeakedOnlyAfterTwoCollectionsThatMayUnloadClasses() throws Exception {
        long[] collections = {0};
        Leaks leaks = new Leaks(() -> collections[0]);
        Bundle leaky = context.installBundle("test:leaky",
                Files.newInputStream(pluginJar(jars.resolve("held.jar"), "test-held", "1.0.0", LeakyActivator.class)));
        leaky.start();
        leaks.watch(leaky);
        leaky.uninstall();
        waitForRefresh(leaky);
        Bundle system = context.getBundle(0);
        assertFalse(leaks.leaked("test-held", system), "no collection yet: nothing can be said");
        collections[0] = 1;
        assertFalse(leaks.leaked("test-held", system), "one collection may have begun before it was unreachable");
        collections[0] = 2;
        assertTrue(leaks.leaked("test-held", system), "held through two collections: its thread keeps it");
        assertFalse(leaks.leaked("test-other", system), "only the plugin that holds it");
    }

    @Test
    void anAbandonedHungInstanceMarksItsPluginLeaked() throws Exception {
        PluginManagerImpl.EngineHooks hung = new PluginManagerImpl.EngineHooks() {
            @Override
            public PluginSwap swap(long fromBundleId, long toBundleId) {
                return PluginManagerImpl.NO_STREAMS.swap(fromBundleId, toBundleId);
            }

            @Override
            public List<String> possiblyLeaking() {
                return List.of("test-hung"); // the engine abandoned a call past the contract's deadline
            }
        };
        PluginManagerImpl manager = new PluginManagerImpl(context, PluginManagerOsgiTest.NO_PIPELINES, hung, home);
        manager.install(pluginJar(jars.resolve("hung.jar"), "test-hung", "1.0.0", TidyActivator.class));
        manager.install(pluginJar(jars.resolve("other.jar"), "test-other", "1.0.0", TidyActivator.class));
        List<InstalledPlugin> list = manager.list();
        assertEquals(List.of(true, false), list.stream().map(InstalledPlugin::leaked).toList());
    }

    /**
     * The framework's own signals: a replaced build another bundle still wires to stays pending
     * removal until a refresh, and an updated bundle keeps its old revision in use until then.
     */
    @Test
    void theFrameworkSignalsCatchABuildStillWiredAfterItWasReplaced() throws Exception {
        Bundle system = context.getBundle(0);
        Leaks leaks = new Leaks();
        Path exporterJar = TestJars.bundle(jars, "test-exporter", "1.0.0",
                Map.of("Export-Package", Exporter.class.getPackageName()), List.of(Exporter.class));
        Bundle exporter = context.installBundle("test:exporter", Files.newInputStream(exporterJar));
        Path userJar = TestJars.bundle(jars, "test-user", "1.0.0",
                Map.of("Import-Package", Exporter.class.getPackageName()));
        Bundle user = context.installBundle("test:user", Files.newInputStream(userJar));
        user.start();
        assertFalse(leaks.leaked("test-exporter", system), "one revision, in use and current");

        exporter.update(Files.newInputStream(exporterJar));
        assertTrue(leaks.leaked("test-exporter", system), "the old revision is still wired to test-user");
        waitForRefresh(exporter);
        assertFalse(leaks.leaked("test-exporter", system), "refreshed: one revision again");

        user.start();
        exporter.uninstall();
        assertTrue(leaks.leaked("test-exporter", system), "uninstalled but still wired: pending removal");
    }

    /** A refresh runs on the framework's thread; its end is known by its event, not by time. */
    private void waitForRefresh(Bundle bundle) throws InterruptedException {
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        context.getBundle(0).adapt(FrameworkWiring.class).refreshBundles(List.of(bundle), e -> done.countDown());
        done.await();
    }
}
