package dev.scope.engine.api;

import java.nio.file.Path;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Installs, lists and uninstalls plugin bundles while the framework runs.
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

    /** @return the installed plugins, sorted by name */
    List<InstalledPlugin> list();

    /**
     * Stops and uninstalls a plugin and forgets it.
     *
     * @param name the plugin name (bundle symbolic name)
     * @return the plugin as it was
     * @throws PluginException when no plugin has this name
     */
    InstalledPlugin uninstall(String name);

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
