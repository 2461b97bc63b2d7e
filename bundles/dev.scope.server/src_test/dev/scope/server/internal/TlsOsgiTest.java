package dev.scope.server.internal;

import static dev.scope.server.internal.ServerOsgiTest.capabilities;
import static dev.scope.server.internal.ServerOsgiTest.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;

import dev.scope.schema.Json;
import dev.scope.server.ApiServer;
import dev.scope.server.ServeException;
import dev.scope.server.ServeOptions;
import dev.scope.server.Serving;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * https on the real server: a PKCS12 keystore made by the JDK's keytool, a client that trusts its
 * certificate (and only that), plain HTTP to the same port refused, and every way a keystore can
 * be wrong as one line.
 */
class TlsOsgiTest {

    private static final String PASSWORD = "scope-test-pw";
    /** Bounds a request that should fail at once, so that a wrong server fails the test rather than hanging it. */
    private static final Duration BOUND = Duration.ofSeconds(30);

    @TempDir
    static Path keys;

    private static Path keystore;
    private static Path certificateOnly;
    private static HttpClient trusting;

    /** Runs the keytool of the JDK running the test; fails with its output when it fails. */
    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool")
                .toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), String.join(" ", command) + ": " + said);
    }

    @BeforeAll
    static void makeKeys() throws Exception {
        keystore = keys.resolve("server.p12");
        Path certificate = keys.resolve("server.pem");
        certificateOnly = keys.resolve("certificate-only.p12");
        keytool("-genkeypair", "-keyalg", "EC", "-groupname", "secp256r1", "-storetype", "PKCS12", "-keystore",
                keystore.toString(), "-storepass", PASSWORD, "-alias", "scope", "-dname", "CN=localhost", "-ext",
                "SAN=dns:localhost,ip:127.0.0.1", "-validity", "30");
        keytool("-exportcert", "-rfc", "-alias", "scope", "-keystore", keystore.toString(), "-storepass", PASSWORD,
                "-file", certificate.toString());
        keytool("-importcert", "-noprompt", "-alias", "scope", "-file", certificate.toString(), "-storetype", "PKCS12",
                "-keystore", certificateOnly.toString(), "-storepass", PASSWORD);
        // the client trusts the exported certificate, nothing else
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(certificate)) {
            trust.setCertificateEntry("scope", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, tmf.getTrustManagers(), null);
        trusting = HttpClient.newBuilder().sslContext(tls).build();
    }

    private static HttpResponse<String> get(HttpClient client, URI uri) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri).timeout(BOUND).build(), BodyHandlers.ofString());
    }

    @Test
    void httpsServesTheApiAndPlainHttpToTheSamePortFails() throws Exception {
        try (Serving https = service(ApiServer.class).serve(ServeOptions.loopback(0).withTls(keystore, PASSWORD))) {
            assertEquals(URI.create("https://127.0.0.1:" + https.port()), https.uri());
            HttpResponse<String> health = get(trusting, URI.create(https.uri() + "/health"));
            assertEquals(200, health.statusCode(), health.body());
            @SuppressWarnings("unchecked")
            Map<String, Object> body = (Map<String, Object>) Json.read(health.body());
            assertEquals("healthy", body.get("status"));
            @SuppressWarnings("unchecked")
            Map<String, Object> openApi = (Map<String, Object>) Json.read(get(trusting, URI.create(https.uri()
                    + "/openapi.json")).body());
            assertEquals(capabilities(openApi, true, List.of(), true), body.get("capabilities"));
            assertEquals(200, get(trusting, URI.create(https.uri() + "/api/v1/plugins")).statusCode());
            // the relay over wss on the same port, its ready saying tls
            RelayOsgiTest.Client relay = new RelayOsgiTest.Client();
            java.net.http.WebSocket wss = trusting.newWebSocketBuilder().buildAsync(URI.create("wss://127.0.0.1:"
                    + https.port() + "/ws"), relay).join();
            Map<String, Object> ready = relay.json();
            assertEquals("ready", ready.get("type"));
            assertEquals(true, ((Map<?, ?>) ready.get("capabilities")).get("tls"), ready.toString());
            wss.abort();

            URI plain = URI.create("http://127.0.0.1:" + https.port() + "/health");
            assertThrows(IOException.class, () -> get(HttpClient.newHttpClient(), plain));
            String answer = raw(https.port(), "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
            assertFalse(answer.startsWith("HTTP/"), "no HTTP answer on the TLS port: " + answer);
            // a client that does not trust the certificate is refused by its own check
            assertThrows(SSLHandshakeException.class, () -> get(HttpClient.newHttpClient(), URI.create(https.uri()
                    + "/health")));
            assertEquals(200, get(trusting, URI.create(https.uri() + "/health")).statusCode(), "still up");
        }
    }

    private static String raw(int port, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) BOUND.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void withTlsAnotherHostThanLoopbackNeedsNoInsecure() throws Exception {
        try (Serving open = service(ApiServer.class).serve(new ServeOptions("0.0.0.0", 0, "s3cret", 1024)
                .withTls(keystore, PASSWORD))) {
            assertEquals(URI.create("https://0.0.0.0:" + open.port()), open.uri());
            URI health = URI.create("https://127.0.0.1:" + open.port() + "/health");
            assertEquals(200, get(trusting, health).statusCode());
            HttpResponse<String> guarded = get(trusting, URI.create("https://127.0.0.1:" + open.port()
                    + "/api/v1/plugins"));
            assertEquals(401, guarded.statusCode(), "the token is still required: " + guarded.body());
        }
    }

    /** Serving with the keystore and password fails with that kind and message, one line, as bad input. */
    private static void assertRefused(Path file, String password, ServeException.Kind kind, String message)
            throws InterruptedException {
        ApiServer server = service(ApiServer.class);
        ServeException e = assertThrows(ServeException.class, () -> server.serve(ServeOptions.loopback(0).withTls(file,
                password)));
        assertEquals(kind, e.kind(), e.getMessage());
        assertEquals(message, e.getMessage());
        assertTrue(e.badInput(), e.getMessage());
    }

    private static void assertBadKeystore(Path file, String what) throws InterruptedException {
        assertRefused(file, PASSWORD, ServeException.Kind.BAD_KEYSTORE, "the keystore " + file + " " + what
                + "; expected a PKCS12 file with the server's private key and certificate (keytool -genkeypair"
                + " -storetype PKCS12 makes one)");
    }

    @Test
    void everyWrongKeystoreIsOneLineNamingIt() throws Exception {
        assertRefused(keystore, "not-the-password", ServeException.Kind.KEYSTORE_PASSWORD,
                "the password does not open the keystore " + keystore + "; expected the password it was made with");
        assertBadKeystore(keys.resolve("missing.p12"), "cannot be read (no such file)");
        assertBadKeystore(certificateOnly, "holds no private key with its certificate");
        assertBadKeystore(Files.writeString(keys.resolve("notes.p12"), "not a keystore\n"),
                "is not a PKCS12 keystore (or is damaged)");
        assertBadKeystore(keys, "is a folder");
    }
}
