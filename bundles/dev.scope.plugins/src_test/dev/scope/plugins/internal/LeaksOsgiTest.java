package dev.scope.plugins.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
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

    /** Writes a plugin JAR with the activator and a payload, so that a surviving build weighs something. */
    private Path pluginJar(Path jar, String name, String version, Class<?> activator) throws IOException {
        Manifest m = manifest("Bundle-SymbolicName", name, "Bundle-Version", version, "Bundle-Activator",
                activator.getName(), "Import-Package", "org.osgi.framework");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, m)) {
            copyClass(j, activator);
        }
        return jar;
    }

    /** @param headers name, value, name, value... */
    private static Manifest manifest(String... headers) {
        Manifest m = new Manifest();
        Attributes a = m.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        for (int i = 0; i < headers.length; i += 2) {
            a.putValue(headers[i], headers[i + 1]);
        }
        return m;
    }

    private static void copyClass(JarOutputStream jar, Class<?> c) throws IOException {
        String path = c.getName().replace('.', '/') + ".class";
        jar.putNextEntry(new JarEntry(path));
        try (InputStream in = c.getClassLoader().getResourceAsStream(path)) {
            in.transferTo(jar);
        }
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
        Manifest m = manifest("Bundle-SymbolicName", "test-exporter", "Export-Package",
                Exporter.class.getPackageName());
        Path exporterJar = jars.resolve("exporter.jar");
        try (OutputStream out = Files.newOutputStream(exporterJar); JarOutputStream j = new JarOutputStream(out, m)) {
            copyClass(j, Exporter.class);
        }
        Bundle exporter = context.installBundle("test:exporter", Files.newInputStream(exporterJar));
        Manifest um = manifest("Bundle-SymbolicName", "test-user", "Import-Package", Exporter.class.getPackageName());
        Path userJar = jars.resolve("user.jar");
        try (OutputStream out = Files.newOutputStream(userJar); JarOutputStream j = new JarOutputStream(out, um)) {
            // manifest only
        }
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
