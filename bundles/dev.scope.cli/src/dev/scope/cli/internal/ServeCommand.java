package dev.scope.cli.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.CountDownLatch;

import dev.scope.cli.internal.Args.UsageException;
import dev.scope.server.ApiServer;
import dev.scope.server.ServeException;
import dev.scope.server.ServeOptions;
import dev.scope.server.Serving;

/**
 * {@code scope serve}: Scope's REST API over this process's registry, engine and plugins until
 * SIGINT or SIGTERM (exit 130 / 143). Loopback by default; any other address needs a bearer token
 * (from {@code --token-file}, else generated and printed once) and, since there is no TLS yet,
 * {@code --insecure}.
 */
final class ServeCommand {

    static final int DEFAULT_PORT = 8000;

    private final ApiServer server;
    private final PrintStream err;

    ServeCommand(ApiServer server, PrintStream err) {
        this.server = server;
        this.err = err;
    }

    int run(Args args) throws IOException {
        if (!args.positional().isEmpty()) {
            throw new UsageException("serve takes no argument '" + args.positional().get(0) + "'");
        }
        String host = args.one("--host", "127.0.0.1");
        int port = port(args.one("--port", Integer.toString(DEFAULT_PORT)));
        String tokenFile = args.one("--token-file", null);
        boolean loopback = loopback(host);
        if (!loopback && !args.flag("--insecure")) {
            throw new UsageException("serve --host " + host + " would be reachable from other machines over plain HTTP,"
                    + " with its token in clear (this version has no TLS); pass --insecure to serve there anyway, or"
                    + " serve on 127.0.0.1");
        }
        String token = tokenFile == null ? null : readToken(Path.of(tokenFile));
        boolean generated = false;
        if (token == null && !loopback) {
            token = newToken();
            generated = true;
        }
        Serving serving;
        try {
            serving = server.serve(new ServeOptions(host, port, token, ServeOptions.DEFAULT_MAX_REQUEST_BYTES));
        } catch (ServeException e) {
            err.println("scope: " + e.getMessage());
            return e.badInput() ? Cli.USAGE : Cli.FAILED;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(serving::close, "scope-serve-shutdown"));
        err.println("scope: serving " + serving.uri() + " (Ctrl+C stops)");
        if (generated) {
            err.println("scope: token (send 'Authorization: Bearer TOKEN'; shown only now): " + token);
        }
        err.flush();
        try {
            new CountDownLatch(1).await(); // until a signal ends the process; the hook stops the server
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            serving.close();
        }
        return Cli.OK;
    }

    private static int port(String text) {
        try {
            int port = Integer.parseInt(text.strip());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new UsageException("--port " + text + " is not valid; expected a TCP port from 1 to 65535 (0: any free one)");
    }

    private static boolean loopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new UsageException("--host " + host + " cannot be resolved; expected an address of this machine such"
                    + " as 127.0.0.1");
        }
    }

    private static String readToken(Path file) {
        String token;
        try {
            token = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UsageException("--token-file " + file + " cannot be read (" + (Files.exists(file) ? "unreadable"
                    : "no such file") + "); expected a file holding the token");
        }
        if (token.isEmpty() || token.chars().anyMatch(c -> c <= ' ')) {
            throw new UsageException("--token-file " + file + " must hold one token: one line without spaces");
        }
        return token;
    }

    private static String newToken() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
