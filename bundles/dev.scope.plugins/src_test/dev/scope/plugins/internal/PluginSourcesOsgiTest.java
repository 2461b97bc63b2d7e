package dev.scope.plugins.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import dev.scope.engine.api.DownloadProgress;
import dev.scope.engine.api.InstalledPlugin;
import dev.scope.engine.api.PluginDependency;
import dev.scope.engine.api.PluginException;
import dev.scope.engine.api.PluginUpdate;
import dev.scope.plugins.internal.TestJars.IndexEntry;
import dev.scope.schema.Json;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;

/**
 * Plugins from URLs and Maven coordinates, and the dependencies the framework's resolver finds in
 * OSGi repository indexes: a loopback HTTP(S) server made by the test serves a Maven repository
 * layout and an index, both written by the test.
 */
class PluginSourcesOsgiTest {

    private final BundleContext context = FrameworkUtil.getBundle(PluginSourcesOsgiTest.class).getBundleContext();

    @TempDir
    Path home;
    @TempDir
    Path served;
    @TempDir
    Path jars;

    private TestServer server;

    @BeforeEach
    void serve() throws IOException {
        server = TestServer.http(served);
    }

    @AfterEach
    void cleanUp() throws Exception {
        server.close();
        for (Bundle b : context.getBundles()) {
            if (b.getLocation().startsWith(PluginStore.LOCATION_PREFIX)
                    || b.getLocation().startsWith(PluginRecord.DEPENDENCY_PREFIX)) {
                b.uninstall();
            }
        }
    }

    private PluginManagerImpl manager() {
        return new PluginManagerImpl(context, PluginManagerOsgiTest.NO_PIPELINES, home);
    }

    private void repositories(Object config) throws IOException {
        Files.createDirectories(home);
        Files.writeString(home.resolve("repositories.json"), Json.writePretty(config));
    }

    private Path plugin(String name, String version, String imports) throws IOException {
        return TestJars.bundle(jars, name, version, imports == null ? Map.of() : Map.of("Import-Package", imports));
    }

    private Path serve(Path jar, String as) throws IOException {
        Path target = served.resolve(as);
        Files.createDirectories(target.getParent());
        Files.copy(jar, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    private List<Bundle> bundles(String prefix) {
        return Stream.of(context.getBundles()).filter(b -> b.getLocation().startsWith(prefix)).toList();
    }

    private List<String> remembered() throws IOException {
        Path state = home.resolve("plugins.json");
        if (!Files.exists(state)) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (Object o : (List<?>) ((Map<?, ?>) Json.read(Files.readString(state))).get("plugins")) {
            names.add((String) ((Map<?, ?>) o).get("name"));
        }
        return names;
    }

    private List<String> files(String folder) throws IOException {
        Path dir = home.resolve(folder);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    /** Nothing was installed, remembered or left behind. */
    private void nothingInstalled() throws IOException {
        assertEquals(List.of(), remembered(), "nothing remembered");
        assertEquals(List.of(), bundles(PluginStore.LOCATION_PREFIX), "no plugin bundle");
        assertEquals(List.of(), bundles(PluginRecord.DEPENDENCY_PREFIX), "no dependency bundle");
        assertEquals(List.of(), files("bundles"), "nothing cached");
        assertEquals(List.of(), files("downloads"), "no download left");
    }

    @Test
    void aPluginInstallsFromAnHttpUrlWithProgressAndTheUrlAsItsSource() throws Exception {
        Path jar = serve(TestJars.padded(jars, "test-url-a", "1.0.0", 200_000), "plugins/a.jar");
        List<long[]> progress = new ArrayList<>();
        DownloadProgress listener = (what, bytes, total, done) -> progress.add(new long[] {bytes, total, done ? 1 : 0});
        InstalledPlugin p = manager().install(server.uri("plugins/a.jar").toString(), listener);
        assertEquals(List.of("test-url-a", "1.0.0", "active", "url"), List.of(p.name(), p.version(), p.state(),
                p.sourceKind()));
        assertEquals(server.uri("plugins/a.jar").toString(), p.source());
        assertEquals(TestJars.hex(jar, "SHA-256"), p.sha256());
        long size = Files.size(jar);
        long[] last = progress.get(progress.size() - 1);
        assertEquals(List.of(size, size, 1L), List.of(last[0], last[1], last[2]), "the last report is the whole file");
        assertTrue(progress.size() > 2, "reported as the bytes came: " + progress.size());
        assertEquals(List.of(), files("downloads"), "the download was removed once cached");
        assertEquals(List.of("test-url-a"), remembered());
    }

    @Test
    void aPluginInstallsFromAFileUrl() throws Exception {
        Path jar = plugin("test-url-file", "1.0.0", null);
        InstalledPlugin p = manager().install(jar.toUri().toString(), DownloadProgress.NONE);
        assertEquals("active", p.state());
        assertEquals(jar.toUri().toString(), p.source());
        assertEquals("url", p.sourceKind());
    }

    @Test
    void aUrlSourceCountsAsChangedByItsContent() throws Exception {
        serve(plugin("test-url-u", "1.0.0", null), "u.jar");
        PluginManagerImpl manager = manager();
        String url = server.uri("u.jar").toString();
        manager.install(url, DownloadProgress.NONE);
        assertFalse(manager.update("test-url-u").changed(), "the same bytes: no update");
        serve(TestJars.bundle(jars, "test-url-u", "1.0.0", Map.of("Build", "second")), "u.jar");
        assertEquals(List.of(), manager.checkUpdates());
        assertEquals("a new build", manager.list().get(0).updateAvailable());
        PluginUpdate u = manager.update("test-url-u");
        assertTrue(u.changed(), "a new build of the same version");
        assertNull(manager.list().get(0).updateAvailable(), "the check was for the build replaced");
    }

    @Test
    void aPluginInstallsFromAMavenCoordinateWithItsChecksumChecked() throws Exception {
        TestJars.publish(served.resolve("m2"), "org.example", "test-mvn-a", "1.0.0",
                plugin("test-mvn-a", "1.0.0", null), true);
        repositories(Map.of("maven", List.of(server.uri("m2/").toString())));
        InstalledPlugin p = manager().install("org.example:test-mvn-a:1.0.0", DownloadProgress.NONE);
        assertEquals(List.of("test-mvn-a", "active", "maven", "org.example:test-mvn-a:1.0.0"),
                List.of(p.name(), p.state(), p.sourceKind(), p.source()));
        assertEquals(List.of(), files("downloads"));
    }

    @Test
    void aCoordinateWithoutVersionTakesTheNewestReleaseTheMetadataLists() throws Exception {
        Path repo = served.resolve("m2");
        TestJars.publish(repo, "org.example", "test-mvn-b", "1.9.0", plugin("test-mvn-b", "1.9.0", null), false);
        TestJars.publish(repo, "org.example", "test-mvn-b", "1.10.0", plugin("test-mvn-b", "1.10.0", null), false);
        TestJars.publish(repo, "org.example", "test-mvn-b", "2.0.0-SNAPSHOT", plugin("test-mvn-b", "2.0.0", null),
                false);
        repositories(Map.of("maven", List.of(server.uri("m2/").toString())));
        InstalledPlugin p = manager().install("org.example:test-mvn-b", DownloadProgress.NONE);
        assertEquals("1.10.0", p.version(), "1.10 is newer than 1.9, and a snapshot is no release");
        assertEquals("org.example:test-mvn-b:1.10.0", p.source(), "the version installed is recorded");
    }

    @Test
    void aChecksumMismatchIsRefusedAndLeavesNothing() throws Exception {
        Path published = TestJars.publish(served.resolve("m2"), "org.example", "test-mvn-bad", "1.0.0",
                plugin("test-mvn-bad", "1.0.0", null), false);
        Path sha1 = published.resolveSibling(published.getFileName() + ".sha1");
        Files.writeString(sha1, "0123456789012345678901234567890123456789");
        repositories(Map.of("maven", List.of(server.uri("m2/").toString())));
        PluginException e = assertThrows(PluginException.class,
                () -> manager().install("org.example:test-mvn-bad:1.0.0", DownloadProgress.NONE));
        assertEquals(PluginException.Kind.INVALID, e.kind());
        assertEquals("org.example:test-mvn-bad:1.0.0 from " + server.uri("m2/org/example/test-mvn-bad/1.0.0/"
                + "test-mvn-bad-1.0.0.jar") + " does not match its checksum: SHA-1 " + TestJars.hex(published, "SHA-1")
                + ", but test-mvn-bad-1.0.0.jar.sha1 says 0123456789012345678901234567890123456789; refused (the"
                + " download is damaged or was tampered with)", e.getMessage());
        nothingInstalled();
        // the strongest checksum published is the one checked: a wrong .sha256 beside a right .sha1
        Files.writeString(sha1, TestJars.hex(published, "SHA-1"));
        Files.writeString(published.resolveSibling(published.getFileName() + ".sha256"), "ab".repeat(32));
        assertTrue(assertThrows(PluginException.class, () -> manager().install("org.example:test-mvn-bad:1.0.0",
                DownloadProgress.NONE)).getMessage().contains("does not match its checksum: SHA-256 "));
        Files.delete(published.resolveSibling(published.getFileName() + ".sha256"));
        Files.delete(sha1);
        assertTrue(assertThrows(PluginException.class, () -> manager().install("org.example:test-mvn-bad:1.0.0",
                DownloadProgress.NONE)).getMessage().endsWith("has no published checksum (.sha512, .sha256 or .sha1"
                        + " beside it); refused, since it cannot be checked"));
        nothingInstalled();
    }

    @Test
    void whatIsNotThereIsRefusedInOneLine() throws Exception {
        repositories(Map.of("maven", List.of(server.uri("m2/").toString())));
        PluginManagerImpl manager = manager();
        PluginException url = assertThrows(PluginException.class,
                () -> manager.install(server.uri("missing.jar").toString(), DownloadProgress.NONE));
        assertEquals("nothing at " + server.uri("missing.jar") + " (HTTP 404 Not Found); check the URL", url.getMessage());
        assertEquals(PluginException.Kind.INVALID, url.kind());
        assertEquals("org.example:nope:1.0.0 is not in the Maven repository " + server.uri("m2/")
                + " (no nope-1.0.0.jar); check the coordinate", assertThrows(PluginException.class,
                        () -> manager.install("org.example:nope:1.0.0", DownloadProgress.NONE)).getMessage());
        assertEquals("no release of org.example:nope in the Maven repository " + server.uri("m2/") + " (no"
                + " maven-metadata.xml lists one); check the coordinate", assertThrows(PluginException.class,
                        () -> manager.install("org.example:nope", DownloadProgress.NONE)).getMessage());
        Files.writeString(served.resolve("text.jar"), "not a jar");
        assertTrue(assertThrows(PluginException.class, () -> manager.install(server.uri("text.jar").toString(),
                DownloadProgress.NONE)).getMessage().startsWith(server.uri("text.jar") + " is not a JAR file ("));
        nothingInstalled();
    }

    @Test
    void anUnreachableServerIsAFailureNotBadInput() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port + "/p.jar";
        PluginException e = assertThrows(PluginException.class, () -> manager().install(url, DownloadProgress.NONE));
        assertEquals(PluginException.Kind.FAILED, e.kind());
        assertEquals("cannot download " + url + ": the connection to 127.0.0.1:" + port
                + " was refused (is the server running?)", e.getMessage());
        nothingInstalled();
    }

    @Test
    void aDownloadPastTheLimitIsRefused() throws Exception {
        serve(TestJars.padded(jars, "test-url-big", "1.0.0", 100_000), "big.jar");
        repositories(Map.of("max_download_mb", 0.01));
        PluginException e = assertThrows(PluginException.class,
                () -> manager().install(server.uri("big.jar").toString(), DownloadProgress.NONE));
        assertEquals(PluginException.Kind.INVALID, e.kind());
        assertTrue(e.getMessage().startsWith("cannot download " + server.uri("big.jar") + ": it is "), e.getMessage());
        assertTrue(e.getMessage().endsWith(" KiB, more than the 10 KiB a download may be (max_download_mb in"
                + " repositories.json)"), e.getMessage());
        nothingInstalled();
    }

    @Test
    void badSpecsAreRefusedSayingWhatIsExpected() {
        PluginManagerImpl manager = manager();
        assertEquals("unsupported URL scheme 'ftp' in ftp://example.org/p.jar; expected a file:, http: or https: URL",
                assertThrows(PluginException.class, () -> manager.install("ftp://example.org/p.jar",
                        DownloadProgress.NONE)).getMessage());
        assertEquals("'org.example::1.0' is not a Maven coordinate: its artifact is empty; " + Coordinate.EXPECTED,
                assertThrows(PluginException.class, () -> manager.install("org.example::1.0", DownloadProgress.NONE))
                        .getMessage());
        assertEquals("'a:b:c:d' is not a Maven coordinate: it has 4 parts; " + Coordinate.EXPECTED,
                assertThrows(PluginException.class, () -> manager.install("a:b:c:d", DownloadProgress.NONE))
                        .getMessage());
        assertTrue(assertThrows(PluginException.class, () -> manager.install("http://exa mple.org/p.jar",
                DownloadProgress.NONE)).getMessage().startsWith("'http://exa mple.org/p.jar' is not a valid URL: "));
        assertEquals("'https:///p.jar' names no host; expected https://HOST[:PORT]/PATH", assertThrows(
                PluginException.class, () -> manager.install("https:///p.jar", DownloadProgress.NONE)).getMessage());
    }

    @Test
    void mavenVersionsCompareAsMavenDoes() {
        assertTrue(Coordinate.compareVersions("1.10", "1.9") > 0);
        assertEquals(0, Coordinate.compareVersions("1.0", "1"));
        assertTrue(Coordinate.compareVersions("1.0-rc1", "1.0") < 0);
        assertTrue(Coordinate.compareVersions("1.0-alpha", "1.0-beta") < 0);
        assertTrue(Coordinate.compareVersions("1.0.1", "1.0-sp") > 0);
        assertFalse(Coordinate.release("2.0-SNAPSHOT"));
    }

    @Test
    void aNewerReleaseInTheMetadataIsAnUpdateThatListSeesOnlyAfterACheck() throws Exception {
        Path repo = served.resolve("m2");
        TestJars.publish(repo, "org.example", "test-mvn-u", "1.0.0", plugin("test-mvn-u", "1.0.0", null), false);
        repositories(Map.of("maven", List.of(server.uri("m2/").toString())));
        PluginManagerImpl manager = manager();
        manager.install("org.example:test-mvn-u:1.0.0", DownloadProgress.NONE);
        assertFalse(manager.update("test-mvn-u").changed(), "1.0.0 is the newest release");
        TestJars.publish(repo, "org.example", "test-mvn-u", "1.1.0", plugin("test-mvn-u", "1.1.0", null), false);
        int before = server.requests();
        assertNull(manager.list().get(0).updateAvailable(), "list does not ask the repository");
        assertEquals(before, server.requests(), "list made no request");
        assertEquals(List.of(), manager.checkUpdates());
        assertEquals(0, server.requests("/m2/org/example/test-mvn-u/1.1.0/test-mvn-u-1.1.0.jar"),
                "a check reads the metadata, not the JAR");
        assertEquals("1.1.0", manager.list().get(0).updateAvailable());
        assertEquals("1.1.0", manager().list().get(0).updateAvailable(), "remembered for the next process");
        PluginUpdate u = manager.update("test-mvn-u");
        assertEquals(List.of(true, "1.0.0", "1.1.0"), List.of(u.changed(), u.fromVersion(), u.toVersion()));
        InstalledPlugin now = manager.list().get(0);
        assertEquals("org.example:test-mvn-u:1.1.0", now.source());
        assertNull(now.updateAvailable());
    }

    /** A library bundle exporting {@code pkg} 1.0.0, served at {@code libs/NAME-1.0.0.jar}. */
    private IndexEntry library(String name, String pkg, String importPkg) throws IOException {
        Path jar = TestJars.bundle(served.resolve("libs"), name, "1.0.0", importPkg == null
                ? Map.of("Export-Package", pkg + ";version=1.0.0")
                : Map.of("Export-Package", pkg + ";version=1.0.0", "Import-Package", importPkg + ";version=\"[1,2)\""));
        IndexEntry e = new IndexEntry(name, "1.0.0", jar, "libs/" + jar.getFileName()).exports(pkg, "1.0.0");
        return importPkg == null ? e : e.imports("(&(osgi.wiring.package=" + importPkg + ")(version>=1.0.0)"
                + "(!(version>=2.0.0)))");
    }

    private void index(List<IndexEntry> entries) throws IOException {
        TestJars.index(served.resolve("index.xml.gz"), entries);
        repositories(Map.of("indexes", List.of(server.uri("index.xml.gz").toString())));
    }

    @Test
    void aPluginThatNeedsALibraryGetsItFromTheIndexWithWhatItNeedsInTurn() throws Exception {
        index(List.of(library("test.lib.a", "test.lib.a", "test.lib.b"), library("test.lib.b", "test.lib.b", null),
                library("test.lib.unused", "test.lib.unused", null)));
        InstalledPlugin p = manager().install(plugin("test-dep-p", "1.0.0", "test.lib.a;version=\"[1.0,2)\""));
        assertEquals("active", p.state(), String.valueOf(p.error()));
        assertEquals(List.of("test.lib.a 1.0.0 needed by [test-dep-p]", "test.lib.b 1.0.0 needed by [test-dep-p]"),
                p.dependencies().stream().map(d -> d.name() + " " + d.version() + " needed by " + d.neededBy())
                        .sorted().toList());
        assertEquals(server.uri("libs/test.lib.a-1.0.0.jar").toString(), p.dependencies().stream()
                .filter(d -> d.name().equals("test.lib.a")).findFirst().orElseThrow().source());
        List<Bundle> deps = bundles(PluginRecord.DEPENDENCY_PREFIX);
        assertEquals(List.of("test.lib.a", "test.lib.b"), deps.stream().map(Bundle::getSymbolicName).sorted().toList(),
                "what the resolver chose, not the whole index");
        assertTrue(deps.stream().allMatch(b -> b.getState() == Bundle.ACTIVE));
        // a clean start (an emptied framework) puts both back from the cache
        for (Bundle b : context.getBundles()) {
            if (b.getLocation().startsWith(PluginStore.LOCATION_PREFIX)
                    || b.getLocation().startsWith(PluginRecord.DEPENDENCY_PREFIX)) {
                b.uninstall();
            }
        }
        server.close();
        InstalledPlugin back = manager().list().get(0);
        assertEquals("active", back.state(), String.valueOf(back.error()));
        assertEquals(2, bundles(PluginRecord.DEPENDENCY_PREFIX).size());
    }

    @Test
    void aSharedLibraryStaysUntilTheLastPluginThatNeedsItLeaves() throws Exception {
        index(List.of(library("test.lib.shared", "test.lib.shared", null)));
        PluginManagerImpl manager = manager();
        manager.install(plugin("test-share-1", "1.0.0", "test.lib.shared"));
        InstalledPlugin second = manager.install(plugin("test-share-2", "1.0.0", "test.lib.shared"));
        assertEquals(List.of(List.of("test-share-1", "test-share-2")),
                second.dependencies().stream().map(PluginDependency::neededBy).toList());
        assertEquals(1, bundles(PluginRecord.DEPENDENCY_PREFIX).size(), "installed once");
        manager.uninstall("test-share-1");
        List<Bundle> left = bundles(PluginRecord.DEPENDENCY_PREFIX);
        assertEquals(1, left.size(), "test-share-2 still needs it");
        assertEquals(Bundle.ACTIVE, left.get(0).getState());
        assertEquals(List.of("test-share-2"), manager.list().get(0).dependencies().get(0).neededBy());
        manager.uninstall("test-share-2");
        assertEquals(List.of(), bundles(PluginRecord.DEPENDENCY_PREFIX), "the last one took it along");
    }

    @Test
    void anUpdateThatNoLongerNeedsALibraryTakesItAlongAndARollbackBringsItBack() throws Exception {
        index(List.of(library("test.lib.once", "test.lib.once", null)));
        PluginManagerImpl manager = manager();
        manager.install(plugin("test-dep-up", "1.0.0", "test.lib.once"));
        assertEquals(1, bundles(PluginRecord.DEPENDENCY_PREFIX).size());
        InstalledPlugin v2 = manager.install(plugin("test-dep-up", "2.0.0", null));
        assertEquals(List.of(), v2.dependencies());
        assertEquals(List.of(), bundles(PluginRecord.DEPENDENCY_PREFIX), "no plugin needs it any more");
        server.close(); // the rollback needs nothing but the cache
        manager.rollback(1);
        assertEquals("1.0.0", manager.list().get(0).version());
        List<Bundle> back = bundles(PluginRecord.DEPENDENCY_PREFIX);
        assertEquals(List.of("test.lib.once"), back.stream().map(Bundle::getSymbolicName).toList());
        assertEquals(Bundle.ACTIVE, back.get(0).getState());
        assertEquals("active", manager.list().get(0).state());
    }

    @Test
    void aRequirementNobodyProvidesIsNamedAndNothingIsInstalled() throws Exception {
        index(List.of(library("test.lib.other", "test.lib.other", null)));
        PluginException e = assertThrows(PluginException.class, () -> manager().install(plugin("test-dep-none",
                "1.0.0", "test.lib.other,no.such.lib;version=\"[1.2,2)\"")));
        assertEquals(PluginException.Kind.INVALID, e.kind());
        assertEquals("plugin test-dep-none 1.0.0 needs package no.such.lib [1.2,2) which neither the workbench nor"
                + " the configured repositories provide", e.getMessage());
        nothingInstalled();
    }

    @Test
    void aLibraryWhoseOwnRequirementIsMissingIsNamedWithIt() throws Exception {
        index(List.of(library("test.lib.broken", "test.lib.broken", "no.such.base")));
        PluginException e = assertThrows(PluginException.class, () -> manager().install(plugin("test-dep-deep",
                "1.0.0", "test.lib.broken")));
        assertEquals("plugin test-dep-deep 1.0.0 needs package test.lib.broken, which test.lib.broken 1.0.0 from "
                + server.uri("index.xml.gz") + " provides, but test.lib.broken 1.0.0 cannot be used: it needs package"
                + " no.such.base [1.0.0,2.0.0) which neither the workbench nor the configured repositories provide",
                e.getMessage());
        nothingInstalled();
    }

    @Test
    void aRepositoryCannotBringASecondCopyOfABundleOfTheWorkbench() throws Exception {
        // the same name as the workbench's API bundle, and another name exporting its package
        Path sameName = TestJars.bundle(served.resolve("libs"), "dev.scope.engine.api", "9.0.0",
                Map.of("Export-Package", "dev.scope.engine.api;version=9.0.0"));
        Path otherName = TestJars.bundle(served.resolve("libs"), "evil.copy", "1.0.0",
                Map.of("Export-Package", "dev.scope.schema;version=9.0.0"));
        index(List.of(new IndexEntry("dev.scope.engine.api", "9.0.0", sameName, "libs/" + sameName.getFileName())
                .exports("dev.scope.engine.api", "9.0.0"), new IndexEntry("evil.copy", "1.0.0", otherName, "libs/"
                        + otherName.getFileName()).exports("dev.scope.schema", "9.0.0")));
        PluginException api = assertThrows(PluginException.class, () -> manager().install(plugin("test-pin-a",
                "1.0.0", "dev.scope.engine.api;version=\"[9.0,10)\"")));
        assertEquals("plugin test-pin-a 1.0.0 needs package dev.scope.engine.api [9.0,10) which neither the workbench"
                + " nor the configured repositories provide; dev.scope.engine.api 9.0.0 from " + server.uri("index.xml.gz")
                + " is not used: the workbench has its own dev.scope.engine.api, which a repository cannot replace",
                api.getMessage());
        PluginException pkg = assertThrows(PluginException.class, () -> manager().install(plugin("test-pin-b",
                "1.0.0", "dev.scope.schema;version=\"[9.0,10)\"")));
        assertTrue(pkg.getMessage().endsWith("; evil.copy 1.0.0 from " + server.uri("index.xml.gz") + " is not used:"
                + " it exports dev.scope.schema, a package of the workbench, which a repository cannot replace"),
                pkg.getMessage());
        nothingInstalled();
    }

    @Test
    void aDependencyThatDoesNotMatchItsIndexIsRefused() throws Exception {
        IndexEntry lib = library("test.lib.tampered", "test.lib.tampered", null);
        index(List.of(lib));
        Files.write(lib.jar, Files.readAllBytes(TestJars.padded(jars, "test.lib.tampered", "1.0.0", 10)));
        PluginException e = assertThrows(PluginException.class, () -> manager().install(plugin("test-dep-t", "1.0.0",
                "test.lib.tampered")));
        assertTrue(e.getMessage().startsWith("plugin test-dep-t 1.0.0 needs test.lib.tampered 1.0.0, but "
                + server.uri("libs/test.lib.tampered-1.0.0.jar") + " does not match the SHA-256 its index "), e.getMessage());
        nothingInstalled();
    }

    @Test
    void httpsWorksWithATrustStoreForACertificateTheTestMadeItself() throws Exception {
        Path keys = jars.resolve("keys");
        Files.createDirectories(keys);
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-validity", "2", "-dname", "CN=localhost",
                "-ext", "SAN=ip:127.0.0.1", "-keystore", keys.resolve("server.p12").toString(), "-storetype", "PKCS12",
                "-storepass", "changeit");
        keytool("-exportcert", "-alias", "server", "-rfc", "-file", keys.resolve("server.pem").toString(), "-keystore",
                keys.resolve("server.p12").toString(), "-storepass", "changeit");
        keytool("-importcert", "-noprompt", "-alias", "server", "-file", keys.resolve("server.pem").toString(),
                "-keystore", keys.resolve("trust.p12").toString(), "-storetype", "PKCS12", "-storepass", "changeit");
        KeyStore store = KeyStore.getInstance(keys.resolve("server.p12").toFile(), "changeit".toCharArray());
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, "changeit".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        serve(plugin("test-https", "1.0.0", null), "secure/p.jar");
        try (TestServer https = TestServer.https(served, tls)) {
            String url = https.uri("secure/p.jar").toString();
            PluginException untrusted = assertThrows(PluginException.class,
                    () -> manager().install(url, DownloadProgress.NONE));
            assertEquals(PluginException.Kind.FAILED, untrusted.kind());
            assertEquals("cannot download " + url + ": the certificate of " + https.uri("").getAuthority()
                    + " is not trusted; for a private repository set a trust store (\"truststore\" in"
                    + " repositories.json or -Dscope.plugins.truststore=FILE)", untrusted.getMessage());
            nothingInstalled();
            repositories(Map.of("truststore", keys.resolve("trust.p12").toString(), "truststore_password", "changeit"));
            InstalledPlugin p = manager().install(url, DownloadProgress.NONE);
            assertEquals("active", p.state());
        }
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try (InputStream in = p.getInputStream()) {
            output = new String(in.readAllBytes());
        }
        assertEquals(0, p.waitFor(), "keytool " + String.join(" ", args) + ": " + output);
    }

    @Test
    void aDownloadAKilledProcessLeftIsRemovedAtTheNextStartAndALiveOnesIsNot() throws Exception {
        Path downloads = Files.createDirectories(home.resolve("downloads"));
        long dead = 999_999_999_999L; // past any pid_max
        Path abandoned = Files.writeString(downloads.resolve(".incoming-" + dead + "-123.part"), "half a jar");
        Path ours = Files.writeString(downloads.resolve(".incoming-" + ProcessHandle.current().pid() + "-9.part"),
                "a download under way in this process");
        manager();
        assertFalse(Files.exists(abandoned));
        assertTrue(Files.exists(ours));
    }

    @Test
    void aStateFileFromBeforeDependenciesIsRead() throws Exception {
        Path jar = plugin("test-old-state", "1.0.0", null);
        PluginStore store = new PluginStore(home);
        PluginRecord r = store.locked(() -> store.cache(jar, jar.toString(), "test-old-state", "1.0.0"));
        Files.writeString(home.resolve("plugins.json"), "{\"format\": 1, \"plugins\": [{\"name\": \"test-old-state\","
                + " \"version\": \"1.0.0\", \"sha256\": \"" + r.sha256() + "\", \"file\": \"" + r.file() + "\","
                + " \"source\": \"" + jar + "\", \"installed_at\": \"2026-11-01T00:00:00Z\"}]}");
        InstalledPlugin p = manager().list().get(0);
        assertEquals(List.of("active", "jar"), List.of(p.state(), p.sourceKind()));
        assertEquals(List.of(), p.dependencies());
        assertNotNull(context.getBundle(r.location()));
    }

    @Test
    void aBadRepositoriesFileIsNamedWithWhatIsExpected() throws Exception {
        repositories(Map.of("index", List.of("x")));
        PluginException e = assertThrows(PluginException.class,
                () -> manager().install(server.uri("p.jar").toString(), DownloadProgress.NONE));
        assertEquals(home.resolve("repositories.json") + " is not usable: unknown key \"index\" (known: indexes, maven,"
                + " max_download_mb, truststore, truststore_password); see README.md, \"Plugin repositories\"",
                e.getMessage());
        assertEquals(PluginException.Kind.INVALID, e.kind());
        repositories(Map.of("maven", "https://repo1.maven.org/maven2/"));
        assertTrue(assertThrows(PluginException.class, () -> manager().install("a:b:1", DownloadProgress.NONE))
                .getMessage().contains("\"maven\" must be a list of URLs"));
    }

    @Test
    void aRemoteSourcesMissingCachedJarIsDownloadedAgainAtStart() throws Exception {
        serve(plugin("test-url-r", "1.0.0", null), "r.jar");
        InstalledPlugin p = manager().install(server.uri("r.jar").toString(), DownloadProgress.NONE);
        for (String f : files("bundles")) {
            Files.delete(home.resolve("bundles").resolve(f));
        }
        bundles(PluginStore.LOCATION_PREFIX).get(0).uninstall(); // a clean start
        InstalledPlugin back = manager().list().get(0);
        assertEquals("active", back.state(), String.valueOf(back.error()));
        assertEquals(p.sha256(), back.sha256());
        assertEquals(1, files("bundles").size(), "the cache holds it again");
    }
}
