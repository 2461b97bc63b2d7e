package dev.scope.engine.api;

import java.nio.file.Path;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Installs, updates, disables, lists and uninstalls plugin bundles while the framework runs, and
 * keeps every process that uses the same state directory in step with it.
 *
 * <p>The installed set lives in the state directory ({@link #home()}, {@code $SCOPE_HOME}): a
 * JSON list written atomically under a file lock, and a cache of the bundle JARs. It is the
 * source of truth; at start the manager reconciles the framework with it, so plugins survive
 * restarts and a cleaned OSGi configuration area.
 *
 * <p>Thread-safe.
 */
@ProviderType
public interface PluginManager {

    /**
     * Installs (or replaces, when a plugin of the same name is installed) a plugin bundle JAR and
     * starts it.
     *
     * @param bundleJar a local bundle JAR file, or a plugin project folder: the one JAR its build
     *        left in {@code target/} is installed, and the folder is recorded as the source
     * @return the installed plugin
     * @throws PluginException when the file is missing or not a bundle, or the bundle cannot
     *         resolve or start; nothing is changed then
     */
    InstalledPlugin install(Path bundleJar);

    /**
     * Installs (or replaces) a plugin from anywhere: a bundle JAR or plugin project folder (as
     * {@link #install(Path)}), a {@code file:}, {@code http:} or {@code https:} URL, or a Maven
     * coordinate {@code group:artifact:version} ({@code group:artifact} for its newest release)
     * fetched from the configured Maven repositories (Maven Central by default) and checked
     * against the checksum the repository publishes. Requirements the workbench lacks are found
     * by the framework's resolver in the configured OSGi repository indexes and installed with it;
     * the workbench's own bundles are never replaced by a repository's. A download goes to the
     * state directory first and is used only once complete; nothing is left half-installed.
     *
     * @param spec the JAR, folder, URL or coordinate
     * @param progress hears how the downloads go, on the calling thread
     * @return the installed plugin, with its dependencies
     * @throws PluginException INVALID for a spec that is malformed, names nothing, is too large,
     *         does not match its checksum, is not a plugin, or needs what nothing provides (the
     *         message names the requirement); FAILED when a transfer failed (host unreachable,
     *         TLS, a server error) or the state directory is unusable; nothing changed then
     * @since 3.2
     */
    InstalledPlugin install(String spec, DownloadProgress progress);

    /** @return the installed plugins, sorted by name */
    List<InstalledPlugin> list();

    /**
     * Asks every remote source (URL, Maven coordinate) whether it holds a newer build than the
     * one installed, over the network, and remembers the answers: {@link #list()} shows them in
     * {@link InstalledPlugin#updateAvailable()} without asking again. A local source is looked at
     * by every {@link #list()} anyway.
     *
     * @return one line per plugin whose source could not be asked, and why; empty when all could
     * @since 3.2
     */
    List<String> checkUpdates();

    /**
     * Stops and uninstalls a plugin and forgets it.
     *
     * @param name the plugin name (bundle symbolic name)
     * @return the plugin as it was
     * @throws PluginException when no plugin has this name
     */
    InstalledPlugin uninstall(String name);

    /**
     * Installs the newer build its source holds (a JAR, project folder or URL whose content
     * changed, a Maven coordinate whose repository's {@code maven-metadata.xml} lists a newer
     * release), beside the running one: running streams swap to it between two frames
     * ({@link Engine#swapPlugin}), then the old version is removed. When the new build cannot
     * resolve, start or build its pipelines, the old one keeps running and this throws.
     *
     * @param name an installed plugin
     * @return what changed; {@code changed} is false when the source holds what is installed
     * @throws PluginException NOT_INSTALLED, INVALID (the source is gone or holds no usable
     *         plugin), FAILED
     * @since 3.2
     */
    PluginUpdate update(String name);

    /**
     * {@link #update}s every installed plugin whose source holds a newer build.
     *
     * @return one entry per installed plugin, sorted by name; a plugin whose source could not be
     *         read is reported in its notes, and the others still update
     * @since 3.2
     */
    List<PluginUpdate> updateAll();

    /**
     * Reloads a plugin: a newer build from its source when there is one (as {@link #update}),
     * otherwise fresh instances of the installed build, which replace the running ones between
     * two frames with the same values. A plugin in use is reloaded too, never refused.
     *
     * @param name an installed, enabled plugin
     * @return what was done
     * @since 3.2
     */
    PluginUpdate reload(String name);

    /**
     * Stops a plugin without uninstalling it, for good (until {@link #enable}): its pipelines
     * leave the registry and stages running them pass their frames through.
     *
     * @return the plugin as it is now
     * @throws PluginException NOT_INSTALLED, BUILT_IN
     * @since 3.2
     */
    InstalledPlugin disable(String name);

    /**
     * Starts a disabled plugin again and remembers it as enabled.
     *
     * @return the plugin as it is now
     * @since 3.2
     */
    InstalledPlugin enable(String name);

    /**
     * Developer mode: installs the plugin a project folder builds and follows the folder: each
     * new JAR its build leaves in {@code target/} (once it is the same on two scans in a row) is
     * swapped into every running process using this state directory.
     *
     * @param projectFolder a plugin project folder with one built JAR in {@code target/}
     * @return the plugin, linked
     * @since 3.2
     */
    InstalledPlugin link(Path projectFolder);

    /**
     * Stops following a linked plugin's folder; the plugin stays installed as it is.
     *
     * @since 3.2
     */
    InstalledPlugin unlink(String name);

    /**
     * @return the numbered changes to the installed set, oldest first (the newest 50)
     * @since 3.2
     */
    List<PluginHistoryEntry> history();

    /**
     * Returns the installed set to what it was after history entry {@code number}, in one step:
     * plugins added since are removed, removed ones come back, changed ones swap back (side by side
     * in running streams). It is itself a new history entry.
     *
     * @return one line per plugin that changed
     * @throws PluginException INVALID for a number not in the history, FAILED when a JAR of that
     *         state is no longer in the cache (nothing changed then)
     * @since 3.2
     */
    List<String> rollback(int number);

    /**
     * @return whether this run started in safe mode ({@code ./scope --safe-mode}): installed plugins
     *         are not started, for this run only
     * @since 3.2
     */
    boolean safeMode();

    /** @return the state directory */
    Path home();

    /**
     * What the manager did by itself that its user should hear about, such as a state file it
     * could not read and moved aside at start. Each is returned once, then forgotten.
     *
     * @return one-line messages, oldest first; empty most of the time
     * @since 2.0
     */
    List<String> takeNotices();
}
