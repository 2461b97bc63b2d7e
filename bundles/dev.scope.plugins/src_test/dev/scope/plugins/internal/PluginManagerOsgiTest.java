package dev.scope.plugins.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import dev.scope.engine.api.FailedPlugin;
import dev.scope.engine.api.InstalledPlugin;
import dev.scope.engine.api.PipelineInfo;
import dev.scope.engine.api.PipelineRegistry;
import dev.scope.engine.api.PluginException;
import dev.scope.schema.Json;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.Version;
import org.osgi.framework.VersionRange;

/** The plugin manager against the running framework, with its state in a temporary directory. */
class PluginManagerOsgiTest {

    private final BundleContext context = FrameworkUtil.getBundle(PluginManagerOsgiTest.class).getBundleContext();

    @TempDir
    Path home;
    @TempDir
    Path jars;

    /** The registry plays no part in what is tested here. */
    static final PipelineRegistry NO_PIPELINES = new PipelineRegistry() {
        @Override
        public List<PipelineInfo> pipelines() {
            return List.of();
        }

        @Override
        public Optional<PipelineInfo> find(String id) {
            return Optional.empty();
        }

        @Override
        public Object parseValue(String pipelineId, String key, String text) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<FailedPlugin> failedPlugins() {
            return List.of();
        }

        @Override
        public Map<String, Object> schemas() {
            return Map.of();
        }

        @Override
        public void addListener(Runnable listener) {
        }

        @Override
        public void removeListener(Runnable listener) {
        }
    };

    @AfterEach
    void uninstallTestBundles() throws Exception {
        for (Bundle b : context.getBundles()) {
            if (b.getLocation().startsWith(PluginStore.LOCATION_PREFIX)) {
                b.uninstall();
            }
        }
    }

    private Path bundleJar(String name, String version, String imports) throws IOException {
        return bundleJar(name, version, imports, null);
    }

    /** @param build a header that makes two builds of the same version differ, or null */
    private Path bundleJar(String name, String version, String imports, String build) throws IOException {
        Map<String, String> headers = new java.util.HashMap<>();
        headers.put("Import-Package", imports);
        headers.put("Build", build);
        return TestJars.bundle(jars, name, version, headers);
    }

    /** How a plugin built against the plugin API 1.3 imports it (bnd's range for 1.3). */
    private static final String API_1 = "dev.scope.pipeline.api;version=\"[1.3,2)\"";

    /**
     * @return the refusal of a plugin built against {@link #API_1} on this workbench, whose plugin
     *         API bundle and package have the same version (2.0.0 for the 2.0 release)
     */
    private String api1Refusal(String name) {
        Version v = bundleNamed("dev.scope.pipeline.api").getVersion();
        String provided = v.getMajor() + "." + v.getMinor() + "." + v.getMicro();
        assertEquals(2, v.getMajor(), "this workbench provides the plugin API 2.x");
        return "plugin " + name + " 1.0.0 needs the plugin API [1.3,2) (1.x); this workbench provides " + provided
                + ": rebuild it against dev.scope:dev.scope.pipeline.api:" + provided;
    }

    private PluginManagerImpl manager() {
        return new PluginManagerImpl(context, NO_PIPELINES, home);
    }

    private Bundle bundleNamed(String name) {
        return Stream.of(context.getBundles()).filter(b -> name.equals(b.getSymbolicName())).findFirst().orElse(null);
    }

    private List<Object> remembered() throws IOException {
        Map<?, ?> state = (Map<?, ?>) Json.read(Files.readString(home.resolve("plugins.json")));
        return new ArrayList<>((List<?>) state.get("plugins"));
    }

    @Test
    void installStartsTheBundleAndRemembersIt() throws Exception {
        InstalledPlugin p = manager().install(bundleJar("test-plugin-a", "1.0.0", null));
        assertEquals("test-plugin-a", p.name());
        assertEquals("1.0.0", p.version());
        assertEquals("active", p.state());
        assertNull(p.error());
        Bundle b = bundleNamed("test-plugin-a");
        assertEquals(Bundle.ACTIVE, b.getState());
        assertTrue(b.getLocation().startsWith("scope:plugin:test-plugin-a@"));
        assertEquals(1, remembered().size());
        try (Stream<Path> cached = Files.list(home.resolve("bundles"))) {
            assertEquals(1, cached.filter(f -> f.getFileName().toString().startsWith("test-plugin-a-1.0.0-")).count());
        }
    }

    @Test
    void aRestartWithAnEmptyFrameworkReinstallsRememberedPlugins() throws Exception {
        manager().install(bundleJar("test-plugin-b", "1.0.0", null));
        bundleNamed("test-plugin-b").uninstall(); // as after a cleaned configuration area
        assertNull(bundleNamed("test-plugin-b"));
        List<InstalledPlugin> after = manager().list();
        assertEquals(1, after.size());
        assertEquals("active", after.get(0).state());
        assertEquals(Bundle.ACTIVE, bundleNamed("test-plugin-b").getState());
    }

    @Test
    void aBundleNoLongerRememberedIsRemovedAtStart() throws Exception {
        PluginManagerImpl first = manager();
        first.install(bundleJar("test-plugin-c", "1.0.0", null));
        Files.writeString(home.resolve("plugins.json"), "{\"format\":1,\"plugins\":[]}");
        manager();
        assertNull(bundleNamed("test-plugin-c"), "the framework follows the state file");
    }

    @Test
    void installingTheSameNameReplacesTheOldVersion() throws Exception {
        PluginManagerImpl manager = manager();
        manager.install(bundleJar("test-plugin-d", "1.0.0", null));
        InstalledPlugin v2 = manager.install(bundleJar("test-plugin-d", "2.0.0", null));
        assertEquals("2.0.0", v2.version());
        List<Bundle> named = Stream.of(context.getBundles()).filter(b -> "test-plugin-d".equals(b.getSymbolicName()))
                .toList();
        assertEquals(1, named.size());
        assertEquals("2.0.0", named.get(0).getVersion().toString());
        assertEquals(1, remembered().size());
        try (Stream<Path> cached = Files.list(home.resolve("bundles"))) {
            assertEquals(2, cached.count(), "the old JAR stays in the cache: the history names it, for a rollback");
        }
    }

    @Test
    void aBundleThatCannotResolveIsRefusedAndNothingChanges() throws Exception {
        PluginManagerImpl manager = manager();
        manager.install(bundleJar("test-plugin-e", "1.0.0", null));
        PluginException e = assertThrows(PluginException.class,
                () -> manager.install(bundleJar("test-plugin-f", "1.0.0", "no.such.pkg")));
        assertEquals("plugin test-plugin-f 1.0.0 needs package no.such.pkg, which the workbench does not provide, and"
                + " no OSGi repository index is configured to look in (\"indexes\" in " + home.resolve("repositories.json")
                + ")", e.getMessage());
        assertNull(bundleNamed("test-plugin-f"));
        assertEquals(1, remembered().size());
        try (Stream<Path> cached = Files.list(home.resolve("bundles"))) {
            assertEquals(1, cached.count());
        }
    }

    @Test
    void uninstallForgetsEverything() throws Exception {
        PluginManagerImpl manager = manager();
        manager.install(bundleJar("test-plugin-g", "1.0.0", null));
        assertEquals("test-plugin-g", manager.uninstall("test-plugin-g").name());
        assertNull(bundleNamed("test-plugin-g"));
        assertTrue(remembered().isEmpty());
        try (Stream<Path> cached = Files.list(home.resolve("bundles"))) {
            assertEquals(1, cached.count(), "its JAR stays while the history names it, for a rollback");
        }
        assertEquals("no plugin named 'test-plugin-g' is installed; installed: (none)",
                assertThrows(PluginException.class, () -> manager.uninstall("test-plugin-g")).getMessage());
    }

    @Test
    void theWorkbenchsOwnBundlesCannotBeReplacedOrRemoved() throws Exception {
        PluginManagerImpl manager = manager();
        PluginException replace = assertThrows(PluginException.class,
                () -> manager.install(bundleJar("dev.scope.plugins", "9.0.0", null)));
        assertTrue(replace.getMessage().contains("is a bundle of the workbench itself"), replace.getMessage());
        assertEquals("'dev.scope.plugins' is built into the workbench and cannot be changed or uninstalled",
                assertThrows(PluginException.class, () -> manager.uninstall("dev.scope.plugins")).getMessage());
    }

    @Test
    void notABundleIsRefusedClearly() throws Exception {
        PluginManagerImpl manager = manager();
        Path text = Files.writeString(jars.resolve("notes.jar"), "hello");
        assertTrue(assertThrows(PluginException.class, () -> manager.install(text)).getMessage()
                .endsWith("is not a JAR file (zip END header not found); expected a plugin bundle JAR"));
        Path plainJar = jars.resolve("plain.jar");
        try (JarOutputStream j = new JarOutputStream(Files.newOutputStream(plainJar), new Manifest())) {
            // a JAR without bundle headers
        }
        assertTrue(assertThrows(PluginException.class, () -> manager.install(plainJar)).getMessage()
                .contains("is not an OSGi bundle: its manifest has no Bundle-SymbolicName"));
        assertEquals("no such file: " + jars.resolve("missing.jar") + " (expected a plugin bundle JAR)",
                assertThrows(PluginException.class, () -> manager.install(jars.resolve("missing.jar"))).getMessage());
        assertFalse(Files.exists(home.resolve("plugins.json")), "nothing was written");
    }

    @Test
    void aPluginProjectFolderInstallsTheJarItsBuildLeftInTarget() throws Exception {
        PluginManagerImpl manager = manager();
        Path project = jars.resolve("my-plugin");
        Path target = Files.createDirectories(project.resolve("target"));
        assertEquals(project + " is a folder with no built plugin JAR in target/ (build the plugin first, e.g. mvn"
                + " package; expected a plugin bundle JAR or a plugin project folder)",
                assertThrows(PluginException.class, () -> manager.install(project)).getMessage());
        Files.move(bundleJar("test-plugin-folder", "1.2.0", null), target.resolve("my-plugin-1.2.0.jar"));
        Files.writeString(target.resolve("my-plugin-1.2.0-sources.jar"), "not the plugin");
        InstalledPlugin p = manager.install(project);
        assertEquals("test-plugin-folder", p.name());
        assertEquals("1.2.0", p.version());
        assertEquals("active", p.state());
        assertEquals(project.toAbsolutePath().toString(), p.source(), "the folder is the plugin's source");
        Files.writeString(target.resolve("other-0.1.jar"), "a second JAR");
        assertEquals(target + " holds several JARs (my-plugin-1.2.0.jar, other-0.1.jar); name the plugin's JAR"
                + " instead", assertThrows(PluginException.class, () -> manager.install(project)).getMessage());
        assertEquals(List.of("test-plugin-folder"), manager.list().stream().map(InstalledPlugin::name).toList());
    }

    @Test
    void anUnreadableStateFileIsMovedAsideNotLost() throws Exception {
        Files.createDirectories(home);
        Files.writeString(home.resolve("plugins.json"), "{ this is not json");
        PluginManagerImpl manager = manager();
        assertTrue(manager.list().isEmpty());
        List<String> notices = manager.takeNotices();
        assertEquals(1, notices.size(), "the user hears of it: " + notices);
        assertTrue(notices.get(0).contains("plugins.json was unreadable"), notices.get(0));
        assertTrue(manager.takeNotices().isEmpty(), "once");
        try (Stream<Path> files = Files.list(home)) {
            Path aside = files.filter(f -> f.getFileName().toString().startsWith("plugins.json.unreadable-"))
                    .findFirst().orElse(null);
            assertNotNull(aside, "the unreadable file is kept");
            assertEquals("{ this is not json", Files.readString(aside));
        }
        manager.install(bundleJar("test-plugin-h", "1.0.0", null));
        assertEquals(1, remembered().size());
    }

    @Test
    void aRebuiltJarOfTheSameVersionReplacesTheInstalledOne() throws Exception {
        PluginManagerImpl manager = manager();
        InstalledPlugin first = manager.install(bundleJar("test-plugin-i", "1.0.0", null, "first"));
        InstalledPlugin rebuilt = manager.install(bundleJar("test-plugin-i", "1.0.0", null, "second"));
        assertEquals("active", rebuilt.state());
        assertFalse(first.sha256().equals(rebuilt.sha256()), "the rebuilt JAR differs");
        List<Bundle> named = Stream.of(context.getBundles()).filter(b -> "test-plugin-i".equals(b.getSymbolicName()))
                .toList();
        assertEquals(1, named.size(), "the rebuilt bundle replaced the first");
        assertEquals("second", named.get(0).getHeaders().get("Build"));
        assertEquals(List.of(rebuilt.sha256()), remembered().stream().map(r -> ((Map<?, ?>) r).get("sha256")).toList());
        try (Stream<Path> cached = Files.list(home.resolve("bundles"))) {
            assertEquals(2, cached.count(), "the first build stays in the cache, for a rollback");
        }
    }

    @Test
    void leftoversOfAnInterruptedInstallAreRemovedAtStart() throws Exception {
        manager().install(bundleJar("test-plugin-j", "1.0.0", null));
        Path cache = home.resolve("bundles");
        Files.write(cache.resolve(".incoming-123456.jar"), new byte[4096]); // killed while copying
        Files.write(cache.resolve("test-plugin-k-1.0.0-0123456789ab.jar"), new byte[10]); // killed before the record
        manager();
        try (Stream<Path> cached = Files.list(cache)) {
            List<String> names = cached.map(f -> f.getFileName().toString()).toList();
            assertEquals(1, names.size(), "only the remembered JAR is left: " + names);
            assertTrue(names.get(0).startsWith("test-plugin-j-1.0.0-"), names.toString());
        }
        assertEquals("active", manager().list().get(0).state());
    }

    @Test
    void aDamagedCachedJarIsReportedWithWhatToDo() throws Exception {
        Path jar = bundleJar("test-plugin-l", "1.0.0", null);
        manager().install(jar);
        bundleNamed("test-plugin-l").uninstall(); // as after a cleaned configuration area
        Path cached;
        try (Stream<Path> files = Files.list(home.resolve("bundles"))) {
            cached = files.findFirst().orElseThrow();
        }
        Files.writeString(cached, "garbage");
        Files.delete(jar); // its source is gone too, so nothing can give it back
        InstalledPlugin p = manager().list().get(0);
        assertEquals("damaged", p.state());
        assertEquals("its cached JAR " + cached + " is damaged (its content is not what was installed); install it"
                + " again: scope plugins install " + jar.toAbsolutePath(), p.error());
        assertNull(bundleNamed("test-plugin-l"), "a damaged JAR is not installed");
    }

    @Test
    void aMissingCachedJarIsReportedWithWhatToDo() throws Exception {
        Path jar = bundleJar("test-plugin-m", "1.0.0", null);
        manager().install(jar);
        Path cached;
        try (Stream<Path> files = Files.list(home.resolve("bundles"))) {
            cached = files.findFirst().orElseThrow();
        }
        Files.delete(cached);
        InstalledPlugin running = manager().list().get(0);
        assertEquals("active", running.state(), "it still runs from the OSGi cache");
        assertTrue(running.error().startsWith("its cached JAR " + cached + " is missing; install it again"),
                running.error());
        bundleNamed("test-plugin-m").uninstall(); // a clean start
        Files.delete(jar); // and its source is gone too
        InstalledPlugin gone = manager().list().get(0);
        assertEquals("missing", gone.state());
        assertEquals("its cached JAR " + cached + " is missing; install it again: scope plugins install "
                + jar.toAbsolutePath(), gone.error());
    }

    @Test
    void aMissingCachedJarIsPutBackFromItsSourceAtTheNextStart() throws Exception {
        Path jar = bundleJar("test-plugin-m2", "1.0.0", null);
        manager().install(jar);
        Path cached;
        try (Stream<Path> files = Files.list(home.resolve("bundles"))) {
            cached = files.findFirst().orElseThrow();
        }
        Files.delete(cached);
        bundleNamed("test-plugin-m2").uninstall(); // a clean start
        InstalledPlugin back = manager().list().get(0);
        assertEquals("active", back.state(), String.valueOf(back.error()));
        assertNull(back.error());
        assertTrue(Files.exists(cached), "the cache holds it again");
        assertNotNull(bundleNamed("test-plugin-m2"));
    }

    @Test
    void eachRefusalSaysWhetherTheRequestOrTheWorkFailed() throws Exception {
        PluginManagerImpl manager = manager();
        assertEquals(PluginException.Kind.BUILT_IN,
                assertThrows(PluginException.class, () -> manager.uninstall("dev.scope.plugins")).kind());
        assertEquals(PluginException.Kind.NOT_INSTALLED,
                assertThrows(PluginException.class, () -> manager.uninstall("nope")).kind());
        assertEquals(PluginException.Kind.INVALID,
                assertThrows(PluginException.class, () -> manager.install(jars.resolve("missing.jar"))).kind());
        assertEquals(PluginException.Kind.INVALID, assertThrows(PluginException.class,
                () -> manager.install(bundleJar("test-plugin-n", "1.0.0", "no.such.pkg"))).kind());
        Path notADirectory = Files.writeString(jars.resolve("file"), "x");
        PluginException unusable = assertThrows(PluginException.class,
                () -> new PluginManagerImpl(context, NO_PIPELINES, notADirectory.resolve("home")).list());
        assertEquals(PluginException.Kind.FAILED, unusable.kind());
        assertEquals("cannot use the state directory " + notADirectory.resolve("home") + ": not a directory",
                unusable.getMessage(), "plain words, no exception class");
    }

    @Test
    void aPluginBuiltAgainstPluginApi1IsRefusedWithTheVersionsAndTheFix() throws Exception {
        PluginManagerImpl manager = manager();
        PluginException e = assertThrows(PluginException.class,
                () -> manager.install(bundleJar("test-plugin-o", "1.0.0", API_1 + ",java.util")));
        assertEquals(PluginException.Kind.INVALID, e.kind());
        assertEquals(api1Refusal("test-plugin-o"), e.getMessage());
        assertNull(bundleNamed("test-plugin-o"));
        assertFalse(Files.exists(home.resolve("plugins.json")), "nothing was remembered");
        assertFalse(Files.exists(home.resolve("bundles")), "nothing was cached");
    }

    @Test
    void aRememberedPluginBuiltAgainstPluginApi1IsListedAsFailedAtEveryStart() throws Exception {
        // the state a workbench with the plugin API 1.x left: remembered, cached, in the framework
        Path jar = bundleJar("test-plugin-p", "1.0.0", API_1);
        PluginStore store = new PluginStore(home);
        PluginRecord record = store.locked(() -> {
            PluginRecord r = store.cache(jar, jar.toAbsolutePath().toString(), "test-plugin-p", "1.0.0");
            store.write(List.of(r));
            return r;
        });
        try (InputStream in = Files.newInputStream(jar)) {
            context.installBundle(record.location(), in);
        }
        String refusal = api1Refusal("test-plugin-p");
        for (String start : List.of("with its bundle still in the framework", "with an emptied framework")) {
            PluginManagerImpl manager = manager();
            InstalledPlugin p = manager.list().get(0);
            assertEquals("failed", p.state(), start);
            assertEquals(refusal, p.error(), start);
            assertNull(bundleNamed("test-plugin-p"), start + ": it is not left in the framework");
            assertEquals(1, remembered().size(), start + ": it is never silently dropped");
            assertEquals(refusal, assertThrows(PluginException.class, () -> manager.install(jar)).getMessage(),
                    "the same message as at install");
        }
    }

    @Test
    void aPluginBuiltAgainstPluginApi2Installs() throws Exception {
        InstalledPlugin p = manager().install(bundleJar("test-plugin-q", "1.0.0",
                "dev.scope.pipeline.api;version=\"[2.0,3)\""));
        assertEquals("active", p.state());
        assertNull(p.error());
        assertEquals(Bundle.ACTIVE, bundleNamed("test-plugin-q").getState());
        assertEquals(1, remembered().size());
    }

    @Test
    void thePluginApiRangeIsReadFromImportPackageAsWritten() {
        String api = BundleJar.PLUGIN_API;
        assertEquals("[1.3,2)",
                BundleJar.importedVersion("java.util,dev.scope.pipeline.api;version=\"[1.3,2)\"", api));
        assertEquals("[2.0,3)", BundleJar.importedVersion(
                "dev.scope.other;dev.scope.pipeline.api;resolution:=optional;version:Version=\"[2.0,3)\"", api));
        assertEquals("1.3", BundleJar.importedVersion("dev.scope.pipeline.api;version=1.3", api));
        assertEquals("0.0.0", BundleJar.importedVersion("dev.scope.pipeline.api", api), "no version: any");
        assertNull(BundleJar.importedVersion("dev.scope.pipeline.api.extra;version=\"[1,2)\",java.util", api));
        assertNull(BundleJar.importedVersion(null, api));
        assertEquals("1.x", PluginManagerImpl.majors(new VersionRange("[1.3,2)")));
        assertEquals("1.x to 2.x", PluginManagerImpl.majors(new VersionRange("[1.3,3)")));
        assertEquals("2.x or later", PluginManagerImpl.majors(new VersionRange("2.0")));
    }

    /** Records the swaps the manager asks of the engine. */
    private static final class RecordingHooks implements PluginManagerImpl.EngineHooks {
        final List<long[]> swaps = new ArrayList<>();

        @Override
        public dev.scope.engine.api.PluginSwap swap(long fromBundleId, long toBundleId) {
            swaps.add(new long[] {fromBundleId, toBundleId});
            return PluginManagerImpl.NO_STREAMS.swap(fromBundleId, toBundleId);
        }

        @Override
        public List<String> possiblyLeaking() {
            return List.of();
        }
    }

    @Test
    void updateInstallsTheNewBuildBesideTheOldSwapsThenRemovesTheOld() throws Exception {
        RecordingHooks hooks = new RecordingHooks();
        PluginManagerImpl manager = new PluginManagerImpl(context, NO_PIPELINES, hooks, home);
        Path jar = bundleJar("test-plugin-u", "1.0.0", null, "first");
        manager.install(jar);
        long oldId = bundleNamed("test-plugin-u").getBundleId();
        assertEquals(false, manager.update("test-plugin-u").changed(), "the source holds what is installed");
        assertNull(manager.list().get(0).updateAvailable());
        bundleJar("test-plugin-u", "1.1.0", null, "second");
        Files.move(jars.resolve("test-plugin-u-1.1.0.jar"), jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertEquals("1.1.0", manager.list().get(0).updateAvailable(), "list shows the update");
        dev.scope.engine.api.PluginUpdate u = manager.update("test-plugin-u");
        assertTrue(u.changed());
        assertEquals(List.of("1.0.0", "1.1.0"), List.of(u.fromVersion(), u.toVersion()));
        assertEquals(1, hooks.swaps.size(), "running streams were asked to swap");
        assertEquals(oldId, hooks.swaps.get(0)[0]);
        Bundle now = bundleNamed("test-plugin-u");
        assertEquals(now.getBundleId(), hooks.swaps.get(0)[1], "to the new build, installed beside the old one");
        assertNull(context.getBundle(oldId), "the old build was removed after the swap");
        assertEquals(List.of("install", "update"), manager.history().stream().map(e -> e.action()).toList());
        assertFalse(manager.list().get(0).leaked(), "the old build's class loader was collected");
    }

    @Test
    void aDisabledPluginStaysStoppedAcrossRestartsUntilEnabled() throws Exception {
        PluginManagerImpl manager = manager();
        manager.install(bundleJar("test-plugin-d", "1.0.0", null));
        assertEquals("disabled", manager.disable("test-plugin-d").state());
        assertEquals(Bundle.RESOLVED, bundleNamed("test-plugin-d").getState());
        bundleNamed("test-plugin-d").uninstall(); // a clean start
        InstalledPlugin after = manager().list().get(0);
        assertEquals(List.of("disabled", "false"), List.of(after.state(), String.valueOf(after.enabled())));
        assertTrue(bundleNamed("test-plugin-d").getState() != Bundle.ACTIVE, "not started at the restart");
        assertEquals("active", manager().enable("test-plugin-d").state());
        assertEquals(Bundle.ACTIVE, bundleNamed("test-plugin-d").getState());
        assertEquals(List.of("install", "disable", "enable"), manager().history().stream().map(e -> e.action())
                .toList());
    }

    @Test
    void rollbackReturnsToTheInstalledSetAfterAnEntryInOneStep() throws Exception {
        PluginManagerImpl manager = manager();
        manager.install(bundleJar("test-plugin-r", "1.0.0", null));
        manager.install(bundleJar("test-plugin-r", "2.0.0", null));
        manager.install(bundleJar("test-plugin-s", "1.0.0", null));
        assertEquals(List.of(1, 2, 3), manager.history().stream().map(e -> e.number()).toList());
        assertEquals(List.of("test-plugin-r 1.0.0"), manager.history().get(0).plugins());
        assertEquals(List.of("test-plugin-r 2.0.0 -> 1.0.0", "test-plugin-s 1.0.0 removed"), manager.rollback(1));
        assertEquals("1.0.0", bundleNamed("test-plugin-r").getVersion().toString());
        assertNull(bundleNamed("test-plugin-s"));
        assertEquals(List.of("test-plugin-r"), manager.list().stream().map(InstalledPlugin::name).toList());
        assertEquals("rollback", manager.history().get(3).action());
        PluginException none = assertThrows(PluginException.class, () -> manager.rollback(99));
        assertEquals("no history entry 99; the history holds 1 to 4 (see scope plugins history)", none.getMessage());
        assertEquals(PluginException.Kind.INVALID, none.kind());
    }

    @Test
    void anotherProcesssChangeToTheStateIsAppliedAtTheNextPoll() throws Exception {
        PluginManagerImpl here = manager();
        // the other process: the same state directory, its change written as it would write it
        manager().install(bundleJar("test-plugin-x", "1.0.0", null));
        bundleNamed("test-plugin-x").uninstall(); // this process has not seen it yet
        here.poll();
        assertEquals(Bundle.ACTIVE, bundleNamed("test-plugin-x").getState(), "applied at the next poll");
    }

    @Test
    void aLinkedFolderIsSwappedInOnceItsNewBuildIsTheSameOnTwoScans() throws Exception {
        RecordingHooks hooks = new RecordingHooks();
        PluginManagerImpl manager = new PluginManagerImpl(context, NO_PIPELINES, hooks, home);
        Path project = jars.resolve("linked-plugin");
        Path target = Files.createDirectories(project.resolve("target"));
        Path built = target.resolve("linked-1.0.0.jar");
        Files.move(bundleJar("test-plugin-link", "1.0.0", null), built);
        InstalledPlugin linked = manager.link(project);
        assertEquals(project.toAbsolutePath().normalize().toString(), linked.linked());
        manager.poll();
        Files.move(bundleJar("test-plugin-link", "1.0.1", null), built, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        manager.poll(); // first sight of the new build: it may still be being written
        assertEquals("1.0.0", bundleNamed("test-plugin-link").getVersion().toString());
        manager.poll(); // the same on a second scan: swapped in
        assertEquals("1.0.1", bundleNamed("test-plugin-link").getVersion().toString());
        assertEquals(1, hooks.swaps.size());
        assertEquals("1.0.1", manager.list().get(0).version());
        manager.unlink("test-plugin-link");
        assertNull(manager.list().get(0).linked());
    }

    @Test
    void theSameBuildInstalledFromAnotherPathFollowsThatPathFromThenOn() throws Exception {
        PluginManagerImpl manager = manager();
        Path first = bundleJar("test-plugin-w", "1.0.0", null, "one");
        manager.install(first);
        Path copy = jars.resolve("elsewhere.jar");
        Files.copy(first, copy);
        InstalledPlugin again = manager.install(copy);
        assertEquals(copy.toString(), again.source(), "the plugin's source is where it came from last");
        Files.delete(first);
        bundleJar("test-plugin-w", "1.1.0", null, "two");
        Files.move(jars.resolve("test-plugin-w-1.1.0.jar"), copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertEquals("1.1.0", manager.update("test-plugin-w").toVersion(), "update reads the new source");
    }
}
