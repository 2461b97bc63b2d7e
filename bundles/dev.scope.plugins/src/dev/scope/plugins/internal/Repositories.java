package dev.scope.plugins.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import dev.scope.engine.api.PluginException;
import dev.scope.schema.Json;

/**
 * Where plugins and their dependencies may come from: {@code $SCOPE_HOME/repositories.json},
 * optional. Without it Maven coordinates come from Maven Central and no OSGi repository index is
 * searched for dependencies.
 *
 * <pre>
 * {
 *   "maven": ["https://repo1.maven.org/maven2/", "file:///srv/m2/"],   // tried in order
 *   "indexes": ["https://example.org/scope/index.xml.gz"],              // OSGi R5 indexes
 *   "truststore": "certs/private-ca.p12",                               // relative to $SCOPE_HOME
 *   "truststore_password": "changeit",
 *   "max_download_mb": 512
 * }
 * </pre>
 *
 * A repository or index may also be an absolute path. {@code -Dscope.plugins.truststore=FILE}
 * (and {@code -Dscope.plugins.truststore.password}) win over the file's trust store.
 *
 * @param maven Maven repositories, each ending with a slash
 * @param indexes OSGi repository indexes
 * @param trustStore the trust store for https, or {@code null} for the JDK's own
 * @param trustStorePassword its password, or {@code null}
 * @param maxDownloadBytes the most one download may be
 */
record Repositories(List<URI> maven, List<URI> indexes, Path trustStore, String trustStorePassword,
        long maxDownloadBytes) {

    static final URI CENTRAL = URI.create("https://repo1.maven.org/maven2/");
    static final long DEFAULT_MAX_MB = 512;
    static final String FILE = "repositories.json";
    static final String TRUSTSTORE_PROPERTY = "scope.plugins.truststore";
    private static final Set<String> KEYS = Set.of("maven", "indexes", "truststore", "truststore_password",
            "max_download_mb");

    /**
     * @param home the state directory
     * @param property the framework's (or the system's) properties
     * @throws PluginException (invalid) naming what is wrong in the file
     */
    static Repositories read(Path home, UnaryOperator<String> property) {
        Path file = home.resolve(FILE);
        Map<?, ?> root = Map.of();
        if (Files.exists(file)) {
            try {
                Object tree = Json.read(Files.readString(file));
                if (!(tree instanceof Map<?, ?> m)) {
                    throw bad(file, "it is not a JSON object");
                }
                root = m;
            } catch (IOException e) {
                throw new PluginException(PluginException.Kind.FAILED, "cannot read " + file + ": "
                        + PluginStore.plain(e), e);
            } catch (IllegalArgumentException e) {
                throw bad(file, "it is not valid JSON (" + e.getMessage() + ")");
            }
        }
        for (Object key : root.keySet()) {
            if (!KEYS.contains(key)) {
                throw bad(file, "unknown key \"" + key + "\" (known: " + String.join(", ", KEYS.stream().sorted()
                        .toList()) + ")");
            }
        }
        List<URI> maven = root.containsKey("maven") ? locations(home, file, root.get("maven"), "maven", true)
                : List.of(CENTRAL);
        List<URI> indexes = locations(home, file, root.containsKey("indexes") ? root.get("indexes") : List.of(), "indexes", false);
        Path trustStore = null;
        String password = null;
        String fromProperty = property.apply(TRUSTSTORE_PROPERTY);
        if (fromProperty != null && !fromProperty.isBlank()) {
            trustStore = Path.of(fromProperty).toAbsolutePath();
            password = property.apply(TRUSTSTORE_PROPERTY + ".password");
        } else if (root.get("truststore") != null) {
            if (!(root.get("truststore") instanceof String s) || s.isBlank()) {
                throw bad(file, "\"truststore\" must be the path of a trust store file (PKCS12 or JKS)");
            }
            trustStore = home.resolve(s);
            Object p = root.get("truststore_password");
            if (p != null && !(p instanceof String)) {
                throw bad(file, "\"truststore_password\" must be a string");
            }
            password = (String) p;
        }
        long max;
        Object mb = root.get("max_download_mb");
        if (mb != null) {
            if (!(mb instanceof Number n) || n.doubleValue() <= 0 || n.doubleValue() > 1 << 20) {
                throw bad(file, "\"max_download_mb\" must be a number of megabytes above 0, at most 1048576");
            }
            max = Math.round(n.doubleValue() * 1024 * 1024);
        } else {
            max = DEFAULT_MAX_MB * 1024 * 1024;
        }
        return new Repositories(maven, indexes, trustStore, password, max);
    }

    private static List<URI> locations(Path home, Path file, Object value, String key, boolean folder) {
        if (!(value instanceof List<?> list)) {
            throw bad(file, "\"" + key + "\" must be a list of URLs, e.g. [\""
                    + (folder ? CENTRAL : "https://example.org/index.xml.gz") + "\"]");
        }
        List<URI> uris = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof String s) || s.isBlank()) {
                throw bad(file, "\"" + key + "\" holds " + o + ", which is not a URL");
            }
            URI uri;
            try {
                uri = Source.SCHEME.matcher(s).matches() ? Source.url(s) : home.resolve(s).toUri();
            } catch (PluginException e) {
                throw bad(file, "\"" + key + "\": " + e.getMessage());
            }
            if (folder && !uri.toString().endsWith("/")) {
                uri = URI.create(uri + "/");
            }
            uris.add(uri);
        }
        return List.copyOf(uris);
    }

    /**
     * @return the TLS context that trusts the configured trust store besides the JDK's own
     *         certificates (so Maven Central stays reachable beside a private repository), or
     *         {@code null} for the JDK's default
     * @throws PluginException when the trust store cannot be read
     */
    SSLContext tls() {
        if (trustStore == null) {
            return null;
        }
        if (!Files.isRegularFile(trustStore)) {
            throw new PluginException(PluginException.Kind.INVALID, "the trust store " + trustStore
                    + " is not a file (truststore in " + FILE + " or -D" + TRUSTSTORE_PROPERTY + ")");
        }
        try {
            char[] secret = trustStorePassword == null ? null : trustStorePassword.toCharArray();
            X509TrustManager configured = trustManager(KeyStore.getInstance(trustStore.toFile(), secret));
            X509TrustManager jdk = trustManager(null);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new EitherTrustManager(configured, jdk)}, null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new PluginException(PluginException.Kind.INVALID, "cannot read the trust store " + trustStore + ": "
                    + Transport.plain(e) + " (expected a PKCS12 or JKS file, and its password if it has one)", e);
        }
    }

    /** @param store the certificates to trust, or {@code null} for the JDK's */
    private static X509TrustManager trustManager(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        for (TrustManager m : factory.getTrustManagers()) {
            if (m instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new KeyStoreException("no X.509 trust manager");
    }

    /** Trusts a server that either trust manager trusts. */
    private record EitherTrustManager(X509TrustManager first, X509TrustManager second) implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            try {
                first.checkClientTrusted(chain, authType);
            } catch (CertificateException e) {
                second.checkClientTrusted(chain, authType);
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            try {
                first.checkServerTrusted(chain, authType);
            } catch (CertificateException e) {
                second.checkServerTrusted(chain, authType);
            }
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            X509Certificate[] a = first.getAcceptedIssuers();
            X509Certificate[] b = second.getAcceptedIssuers();
            X509Certificate[] both = java.util.Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, both, a.length, b.length);
            return both;
        }
    }

    private static PluginException bad(Path file, String what) {
        return new PluginException(PluginException.Kind.INVALID, file + " is not usable: " + what
                + "; see README.md, \"Plugin repositories\"");
    }
}
