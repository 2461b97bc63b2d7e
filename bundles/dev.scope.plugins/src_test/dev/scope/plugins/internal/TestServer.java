package dev.scope.plugins.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;

/**
 * A small HTTP/1.1 file server on loopback for the tests: GET of the files under a folder, 404 for
 * anything else, one connection at a time, each closed after its answer. It counts the requests,
 * so a test can tell that something did not touch the network.
 */
final class TestServer implements AutoCloseable {

    private final ServerSocket socket;
    private final Path root;
    private final String scheme;
    private final Thread thread;
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

    private TestServer(ServerSocket socket, Path root, String scheme) {
        this.socket = socket;
        this.root = root;
        this.scheme = scheme;
        this.thread = new Thread(this::serve, "test-http-server");
        thread.setDaemon(true);
        thread.start();
    }

    static TestServer http(Path root) throws IOException {
        return new TestServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), root, "http");
    }

    /** @param tls a context whose key manager holds the server's certificate */
    static TestServer https(Path root, SSLContext tls) throws IOException {
        return new TestServer(tls.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress()),
                root, "https");
    }

    /** @return the URL of a path under the folder */
    URI uri(String path) {
        return URI.create(scheme + "://127.0.0.1:" + socket.getLocalPort() + "/" + path);
    }

    /** @return how many requests have come in, for any path */
    int requests() {
        return requests.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    /** @return how many requests have come in for a path ({@code /a/b.jar}) */
    int requests(String path) {
        AtomicInteger n = requests.get(path);
        return n == null ? 0 : n.get();
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket client = socket.accept()) {
                answer(client);
            } catch (IOException e) {
                // a closed server, or a client that gave up (an untrusted certificate): next
            }
        }
    }

    private void answer(Socket client) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
        String request = in.readLine();
        for (String header = in.readLine(); header != null && !header.isEmpty(); header = in.readLine()) {
            // headers are not needed
        }
        if (request == null) {
            return;
        }
        String[] parts = request.split(" ");
        String path = parts.length > 1 ? URI.create(parts[1]).getPath() : "/";
        requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        Path file = root.resolve(path.substring(1)).normalize();
        OutputStream out = client.getOutputStream();
        if (file.startsWith(root) && Files.isRegularFile(file) && parts[0].equals("GET")) {
            byte[] body = Files.readAllBytes(file);
            out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
        } else {
            byte[] body = "not found".getBytes(StandardCharsets.US_ASCII);
            out.write(("HTTP/1.1 404 Not Found\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
        }
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
