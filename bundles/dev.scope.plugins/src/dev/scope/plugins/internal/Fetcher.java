package dev.scope.plugins.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import dev.scope.engine.api.DownloadProgress;
import dev.scope.engine.api.PluginException;

/**
 * Brings a remote source's JAR into {@code downloads/}: a URL's, or a Maven coordinate's from the
 * configured repositories with its checksum checked; and the configured OSGi repository indexes.
 * The configuration ({@link Repositories}) is read afresh each time one is made.
 */
final class Fetcher {

    private final Path home;
    private final Repositories config;
    private final Transport transport;

    /**
     * A JAR brought here, to install.
     *
     * @param jar the downloaded file (deleted on {@link #close})
     * @param source what the plugin's record names as its source
     * @param shown the JAR in messages: where it came from, and how it was checked
     * @param version the Maven version, for a coordinate; else {@code null}
     * @param sha256 the JAR's SHA-256
     */
    record Fetched(Path jar, String source, String shown, String version, String sha256,
            AutoCloseable download) implements AutoCloseable {
        @Override
        public void close() {
            try {
                download.close();
            } catch (Exception e) {
                // the next start removes what is left in downloads/
            }
        }
    }

    Fetcher(Path home, UnaryOperator<String> property, DownloadProgress progress) {
        this.home = home;
        this.config = Repositories.read(home, property);
        this.transport = new Transport(home, config, progress);
    }

    Transport transport() {
        return transport;
    }

    Path configFile() {
        return home.resolve(Repositories.FILE);
    }

    /** @return the remote source's JAR; a coordinate without version fetches the newest release */
    Fetched fetch(Source source) {
        return switch (source) {
            case Source.Url url -> {
                Transport.Download d = transport.download(url.uri());
                yield new Fetched(d.file(), url.recorded(), url.uri().toString(), null, d.sha256(), d);
            }
            case Source.Maven maven -> {
                MavenRepositories.Fetched f = maven().fetch(maven.coordinate());
                yield new Fetched(f.jar().file(), f.coordinate().toString(), f.coordinate() + " (from "
                        + f.repository() + ", its " + f.checkedWith() + " checked)", f.coordinate().version(),
                        f.jar().sha256(), f);
            }
            case Source.Local local -> throw new IllegalArgumentException("not a remote source: " + local);
        };
    }

    /** @return the newest release of a coordinate the repositories list */
    Optional<String> latest(Coordinate coordinate) {
        return maven().latest(coordinate);
    }

    private MavenRepositories maven() {
        return new MavenRepositories(config.maven(), transport);
    }

    /** @return the configured OSGi repository indexes, each downloaded and read now */
    List<RepositoryIndex> indexes() {
        List<RepositoryIndex> indexes = new ArrayList<>();
        int rank = 1;
        for (java.net.URI uri : config.indexes()) {
            try (Transport.Download d = transport.download(uri)) {
                indexes.add(RepositoryIndex.read(uri, d.file(), rank++));
            } catch (PluginException e) {
                throw new PluginException(e.kind(), "the OSGi repository index " + uri + " (\"indexes\" in "
                        + configFile() + ") cannot be used: " + e.getMessage(), e);
            }
        }
        return indexes;
    }
}
