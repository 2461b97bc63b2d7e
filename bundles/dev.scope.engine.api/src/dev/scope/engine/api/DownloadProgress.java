package dev.scope.engine.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Hears how the downloads of a {@link PluginManager#install(String, DownloadProgress)} go: the
 * plugin's JAR and the dependencies it needs. Called on the thread that called the manager, as
 * the bytes arrive (every 64 KiB or so) and once more when a download is complete; it must return
 * quickly and must not call the manager.
 *
 * @since 3.2
 */
@ConsumerType
@FunctionalInterface
public interface DownloadProgress {

    /** Hears nothing. */
    DownloadProgress NONE = (what, bytes, total, done) -> {
    };

    /**
     * @param what the URL being downloaded
     * @param bytes the bytes received so far
     * @param total the size the server announced, in bytes, or -1 when it announced none
     * @param done whether the download is complete (the last call for it)
     */
    void progress(String what, long bytes, long total, boolean done);
}
