package dev.scope.plugins.internal;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

import dev.scope.engine.api.DownloadProgress;
import dev.scope.engine.api.PluginException;

/**
 * Gets files from {@code file:}, {@code http:} and {@code https:} URLs into the state directory's
 * {@code downloads/}, with a size limit, progress, and failures in one line of plain words: what
 * the user gave wrong (nothing there, too large, an https to http redirect) is
 * {@link PluginException.Kind#INVALID}, what failed on the way (no such host, refused, no answer,
 * an untrusted certificate, a server error) {@link PluginException.Kind#FAILED}.
 *
 * <p>A download is written to {@code downloads/.incoming-PID-*.part} and only used once it is
 * complete; its owner deletes it when done ({@link Download#close}), and what a killed process
 * left is removed by the next one ({@link PluginStore#removeLeftovers}), which knows the file by
 * the process id in its name.
 */
final class Transport {

    static final String DOWNLOADS = "downloads";
    static final String INCOMING = ".incoming-";
    private static final int CONNECT_TIMEOUT_MS = 15_000;
    private static final int READ_TIMEOUT_MS = 30_000;
    private static final int MAX_REDIRECTS = 5;
    private static final int PROGRESS_STEP = 64 * 1024;
    /** The most a checksum or a maven-metadata.xml may be. */
    private static final int MAX_TEXT = 4 * 1024 * 1024;

    private final Path downloads;
    private final SSLContext tls;
    private final long maxBytes;
    private final DownloadProgress progress;

    /** A complete download; closing it deletes the file. */
    record Download(Path file, URI from, String sha256, long bytes) implements AutoCloseable {
        @Override
        public void close() {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                System.getLogger(Transport.class.getName()).log(System.Logger.Level.INFO, "could not delete "
                        + file + ": " + e.getMessage());
            }
        }
    }

    /** An open response body. */
    private record Response(InputStream body, long length) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            body.close();
        }
    }

    /**
     * @param home the state directory, whose {@code downloads/} receives the files
     * @param config the trust store and the size limit
     * @param progress told as the bytes arrive
     */
    Transport(Path home, Repositories config, DownloadProgress progress) {
        this.downloads = home.resolve(DOWNLOADS);
        this.tls = config.tls();
        this.maxBytes = config.maxDownloadBytes();
        this.progress = progress;
    }

    /**
     * @return the complete download
     * @throws PluginException (invalid) when there is nothing at the URL, or it is too large;
     *         (failed) when the transfer failed
     */
    Download download(URI uri) {
        return downloadIfPresent(uri).orElseThrow(() -> new PluginException(PluginException.Kind.INVALID,
                "nothing at " + uri + (uri.getScheme().equals("file") ? " (no such file)" : " (HTTP 404 Not Found)")
                        + "; check the URL"));
    }

    /** @return the complete download, or empty when there is nothing at the URL */
    Optional<Download> downloadIfPresent(URI uri) {
        try {
            Files.createDirectories(downloads);
        } catch (IOException e) {
            throw new PluginException(PluginException.Kind.FAILED, "cannot use " + downloads + ": " + plain(e), e);
        }
        Path part = null;
        try (Response response = open(uri).orElse(null)) {
            if (response == null) {
                return Optional.empty();
            }
            checkSize(uri, response.length(), true);
            part = Files.createTempFile(downloads, INCOMING + ProcessHandle.current().pid() + "-", ".part");
            MessageDigest sha = digest("SHA-256");
            long bytes = 0;
            long reported = 0;
            byte[] buffer = new byte[PROGRESS_STEP];
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(part), sha)) {
                for (int n; (n = response.body().read(buffer)) >= 0;) {
                    bytes += n;
                    checkSize(uri, bytes, false);
                    out.write(buffer, 0, n);
                    if (bytes - reported >= PROGRESS_STEP) {
                        progress.progress(uri.toString(), bytes, response.length(), false);
                        reported = bytes;
                    }
                }
            }
            if (response.length() >= 0 && bytes != response.length()) {
                throw new PluginException(PluginException.Kind.FAILED, "cannot download " + uri + ": the transfer"
                        + " ended after " + bytes + " of the " + response.length() + " bytes announced; try again");
            }
            progress.progress(uri.toString(), bytes, response.length(), true);
            Download done = new Download(part, uri, HexFormat.of().formatHex(sha.digest()), bytes);
            part = null;
            return Optional.of(done);
        } catch (IOException e) {
            throw failure(uri, e);
        } finally {
            if (part != null) {
                try {
                    Files.deleteIfExists(part);
                } catch (IOException e) {
                    // removed by the next start's clean-up
                }
            }
        }
    }

    /**
     * @return a small text file (a checksum, a maven-metadata.xml), or empty when there is none
     * @throws PluginException when the transfer failed
     */
    Optional<String> text(URI uri) {
        try (Response response = open(uri).orElse(null)) {
            if (response == null) {
                return Optional.empty();
            }
            byte[] bytes = response.body().readNBytes(MAX_TEXT + 1);
            if (bytes.length > MAX_TEXT) {
                throw new PluginException(PluginException.Kind.INVALID, uri + " is larger than the "
                        + MAX_TEXT / (1024 * 1024) + " MiB a checksum or metadata file may be");
            }
            return Optional.of(new String(bytes, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw failure(uri, e);
        }
    }

    private void checkSize(URI uri, long bytes, boolean announced) {
        if (bytes > maxBytes) {
            throw new PluginException(PluginException.Kind.INVALID, "cannot download " + uri + ": it is "
                    + (announced ? mib(bytes) + ", more than" : "larger than") + " the " + mib(maxBytes)
                    + " a download may be (max_download_mb in " + Repositories.FILE + ")");
        }
    }

    private static String mib(long bytes) {
        return bytes < 1024 * 1024 ? Math.round(bytes / 1024.0) + " KiB"
                : String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }

    /** @return the response body, or empty for a 404 or 410 or a missing file */
    private Optional<Response> open(URI uri) throws IOException {
        if (uri.getScheme().equals("file")) {
            Path file = Path.of(uri);
            if (!Files.exists(file)) {
                return Optional.empty();
            }
            if (!Files.isRegularFile(file)) {
                throw new PluginException(PluginException.Kind.INVALID, uri + " is a folder, not a file");
            }
            return Optional.of(new Response(Files.newInputStream(file), Files.size(file)));
        }
        URI at = uri;
        for (int redirects = 0;; redirects++) {
            HttpURLConnection c = (HttpURLConnection) at.toURL().openConnection();
            if (c instanceof HttpsURLConnection https && tls != null) {
                https.setSSLSocketFactory(tls.getSocketFactory());
            }
            c.setInstanceFollowRedirects(false);
            c.setConnectTimeout(CONNECT_TIMEOUT_MS);
            c.setReadTimeout(READ_TIMEOUT_MS);
            c.setRequestProperty("User-Agent", "scope-workbench");
            int status = c.getResponseCode();
            if (status >= 300 && status < 400 && c.getHeaderField("Location") != null) {
                URI next = at.resolve(c.getHeaderField("Location").strip());
                c.disconnect();
                if (redirects >= MAX_REDIRECTS) {
                    throw new PluginException(PluginException.Kind.FAILED, "cannot download " + uri + ": more than "
                            + MAX_REDIRECTS + " redirects");
                }
                if (at.getScheme().equals("https") && !"https".equalsIgnoreCase(next.getScheme())) {
                    throw new PluginException(PluginException.Kind.INVALID, "cannot download " + uri + ": it redirects"
                            + " from https to " + next + ", which is not followed");
                }
                at = next;
                continue;
            }
            if (status == 404 || status == 410) {
                c.disconnect();
                return Optional.empty();
            }
            if (status != 200) {
                String reason = c.getResponseMessage();
                c.disconnect();
                throw new PluginException(status < 500 ? PluginException.Kind.INVALID : PluginException.Kind.FAILED,
                        "cannot download " + uri + ": the server answered HTTP " + status
                                + (reason == null ? "" : " " + reason));
            }
            return Optional.of(new Response(c.getInputStream(), c.getContentLengthLong()));
        }
    }

    /** A failed transfer in one line of plain words. */
    private static PluginException failure(URI uri, IOException e) {
        return new PluginException(PluginException.Kind.FAILED, "cannot download " + uri + ": " + plain(e, uri), e);
    }

    static String plain(Exception e) {
        return plain(e, null);
    }

    private static String plain(Exception e, URI uri) {
        String host = uri == null || uri.getHost() == null ? "the server" : uri.getHost()
                + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        if (e instanceof UnknownHostException) {
            return "no such host " + (uri == null ? e.getMessage() : uri.getHost()) + " (check the URL, and that this"
                    + " machine can reach it)";
        }
        if (e instanceof ConnectException) {
            return "the connection to " + host + " was refused (is the server running?)";
        }
        if (e instanceof NoRouteToHostException) {
            return "no route to " + host;
        }
        if (e instanceof SocketTimeoutException) {
            return "no answer from " + host + " in time";
        }
        if (e instanceof SSLException) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof CertPathBuilderException) {
                    return "the certificate of " + host + " is not trusted; for a private repository set a trust"
                            + " store (\"truststore\" in " + Repositories.FILE + " or -D"
                            + Repositories.TRUSTSTORE_PROPERTY + "=FILE)";
                }
                if (t instanceof CertificateException && String.valueOf(t.getMessage()).contains("subject alternative")) {
                    return "the certificate of " + host + " is not made out to that host name ("
                            + words(t.getMessage()) + ")";
                }
            }
            if (String.valueOf(e.getMessage()).contains("Unsupported or unrecognized SSL message")) {
                return host + " does not answer in TLS (is it an http: server?)";
            }
            return "the TLS handshake with " + host + " failed (" + words(e.getMessage()) + ")";
        }
        if (e instanceof FileNotFoundException || e instanceof AccessDeniedException) {
            return "cannot read it (" + words(e.getMessage()) + ")";
        }
        return words(e.getMessage() == null ? "input/output error" : e.getMessage());
    }

    /** A library's message without the exception class names some of them carry. */
    static String words(String message) {
        if (message == null) {
            return "no reason given";
        }
        return message.replaceAll("\\b(?:[a-z_][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*(?:Exception|Error)\\b:?\\s*", "")
                .replaceAll("\\b[A-Z][A-Za-z0-9_$]*(?:Exception|Error)\\b:?\\s*", "").strip();
    }

    /** @return the hex digest of a file by the named algorithm */
    static String digest(Path file, String algorithm) throws IOException {
        MessageDigest digest = digest(algorithm);
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[PROGRESS_STEP];
            for (int n; (n = in.read(buffer)) >= 0;) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the Java runtime lacks " + algorithm, e);
        }
    }
}
